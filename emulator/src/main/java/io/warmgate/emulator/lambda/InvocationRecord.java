package io.warmgate.emulator.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the host recorded about one invocation, for tests and figures.
 *
 * @param requestId the invocation's request id
 * @param environment the execution environment that ran it (1, 2, ... in the order they started)
 * @param coldStart whether the environment started for this invocation
 * @param processToResponse for a cold start, the child JVM's start to the invocation's end; else zero
 * @param duration from the runtime taking the event ({@code next}) to its response or error
 * @param memoryMb the function's configured memory
 * @param startedAt when the invocation was made (real time)
 * @param result how it ended
 */
public record InvocationRecord(String requestId, int environment, boolean coldStart, Duration processToResponse,
    Duration duration, int memoryMb, Instant startedAt, InvocationResult result) {

  /** Checks the fields. */
  public InvocationRecord {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(processToResponse, "processToResponse");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(result, "result");
  }

  /** Billed duration: the duration rounded up to the next millisecond, as Lambda bills it. */
  public long billedMillis() {
    long nanos = duration.toNanos();
    return (nanos + 999_999) / 1_000_000;
  }

  /** Billed GB-seconds: billed duration times configured memory (1 GB = 1,024 MB). */
  public double gbSeconds() {
    return billedMillis() / 1000.0 * memoryMb / 1024.0;
  }
}
