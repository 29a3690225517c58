package io.warmgate.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Configures injected faults: lost and duplicated lifecycle events, throttled and failed API
 * calls, and added latency on every API call.
 *
 * <p>Rates are probabilities in [0, 1], drawn from the emulator's seeded random source. A
 * throttled call answers {@code Throttling} (HTTP 400) for Auto Scaling and
 * {@code RequestLimitExceeded} (HTTP 503) for EC2, as AWS does; a failed call answers HTTP 500
 * ({@code InternalFailure} / {@code InternalError}). Latency is real (wall-clock) time.
 *
 * @param eventDropRate the fraction of lifecycle events never delivered
 * @param eventDuplicateRate the fraction of delivered events delivered twice
 * @param throttleRate the fraction of API calls throttled
 * @param serverErrorRate the fraction of API calls failed with HTTP 500
 * @param latency real delay added before every API response
 * @param messageRedeliveryRate the fraction of messages an SQS receive also leaves visible, so that the next
 *     receive delivers them again under a new receipt handle (a standard queue delivers at least once)
 */
public record EmulatorFaults(
    double eventDropRate,
    double eventDuplicateRate,
    double throttleRate,
    double serverErrorRate,
    Duration latency,
    double messageRedeliveryRate) {

  /** No faults at all. */
  public static final EmulatorFaults NONE = new EmulatorFaults(0, 0, 0, 0, Duration.ZERO);

  /** Faults without SQS redelivery. */
  public EmulatorFaults(double eventDropRate, double eventDuplicateRate, double throttleRate, double serverErrorRate,
      Duration latency) {
    this(eventDropRate, eventDuplicateRate, throttleRate, serverErrorRate, latency, 0);
  }

  /** Validates the rates and latency. */
  public EmulatorFaults {
    rate("eventDropRate", eventDropRate);
    rate("eventDuplicateRate", eventDuplicateRate);
    rate("throttleRate", throttleRate);
    rate("serverErrorRate", serverErrorRate);
    rate("messageRedeliveryRate", messageRedeliveryRate);
    if (throttleRate + serverErrorRate > 1.0) {
      throw new IllegalArgumentException("throttleRate + serverErrorRate must not exceed 1");
    }
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
  }

  /** Returns a copy with the given event drop rate. */
  public EmulatorFaults withEventDropRate(double rate) {
    return new EmulatorFaults(rate, eventDuplicateRate, throttleRate, serverErrorRate, latency, messageRedeliveryRate);
  }

  /** Returns a copy with the given event duplicate rate. */
  public EmulatorFaults withEventDuplicateRate(double rate) {
    return new EmulatorFaults(eventDropRate, rate, throttleRate, serverErrorRate, latency, messageRedeliveryRate);
  }

  /** Returns a copy with the given API throttle rate. */
  public EmulatorFaults withThrottleRate(double rate) {
    return new EmulatorFaults(eventDropRate, eventDuplicateRate, rate, serverErrorRate, latency, messageRedeliveryRate);
  }

  /** Returns a copy with the given API server error rate. */
  public EmulatorFaults withServerErrorRate(double rate) {
    return new EmulatorFaults(eventDropRate, eventDuplicateRate, throttleRate, rate, latency, messageRedeliveryRate);
  }

  /** Returns a copy with the given added latency. */
  public EmulatorFaults withLatency(Duration value) {
    return new EmulatorFaults(eventDropRate, eventDuplicateRate, throttleRate, serverErrorRate, value, messageRedeliveryRate);
  }

  /** Returns a copy with the given SQS message redelivery rate. */
  public EmulatorFaults withMessageRedeliveryRate(double rate) {
    return new EmulatorFaults(eventDropRate, eventDuplicateRate, throttleRate, serverErrorRate, latency, rate);
  }

  private static void rate(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
    }
  }
}
