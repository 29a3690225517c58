package io.warmgate.emulator;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone until interrupted, printing its endpoint and how to point the AWS
 * CLI at it.
 *
 * <pre>
 * java -cp ... io.warmgate.emulator.EmulatorMain [--port 4566] [--speed 1] [--seed 42]
 *     [--region us-east-1] [--health-port 8080] [--boot-profile linux|windows|instant]
 *     [--event-target URL]... [--drop-events 0.0] [--duplicate-events 0.0]
 *     [--throttle 0.0] [--server-errors 0.0] [--latency-ms 0] [--iam-policy ACCESS_KEY_ID=FILE]...
 * </pre>
 */
public final class EmulatorMain {
  private EmulatorMain() {
  }

  /** Starts the emulator and blocks until the JVM is asked to stop. */
  public static void main(String[] args) throws InterruptedException {
    if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
      System.out.println(usage());
      return;
    }
    WarmPoolEmulator emulator;
    try {
      emulator = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    } catch (java.io.UncheckedIOException e) {
      System.err.println("error: " + e.getMessage() + " (" + e.getCause().getMessage() + "); choose another --port");
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }, "emulator-shutdown"));
    stopped.await();
  }

  /**
   * Parses the flags, starts an emulator and prints where it listens.
   *
   * @throws IllegalArgumentException for an unknown flag or a bad value
   */
  public static WarmPoolEmulator start(String[] args, PrintStream out) {
    WarmPoolEmulatorBuilder b = WarmPoolEmulator.builder().port(4566);
    EmulatorFaults faults = EmulatorFaults.NONE;
    for (int k = 0; k < args.length; k++) {
      String flag = args[k];
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new IllegalArgumentException("usage requested");
      }
      if (k + 1 >= args.length) {
        throw new IllegalArgumentException("flag " + flag + " needs a value");
      }
      String v = args[++k];
      try {
        switch (flag) {
          case "--port" -> b.port(Integer.parseInt(v));
          case "--speed" -> b.speed(Double.parseDouble(v));
          case "--seed" -> b.seed(Long.parseLong(v));
          case "--region" -> b.region(v);
          case "--health-port" -> b.healthPort(Integer.parseInt(v));
          case "--boot-profile" -> b.defaultBootProfile(v);
          case "--event-target" -> b.eventTarget(URI.create(v));
          case "--drop-events" -> faults = faults.withEventDropRate(Double.parseDouble(v));
          case "--duplicate-events" -> faults = faults.withEventDuplicateRate(Double.parseDouble(v));
          case "--throttle" -> faults = faults.withThrottleRate(Double.parseDouble(v));
          case "--server-errors" -> faults = faults.withServerErrorRate(Double.parseDouble(v));
          case "--latency-ms" -> faults = faults.withLatency(Duration.ofMillis(Long.parseLong(v)));
          case "--iam-policy" -> b.iamPolicy(v);
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad value for " + flag + ": " + v, e);
      }
    }
    WarmPoolEmulator emulator;
    try {
      emulator = b.faults(faults).start();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    out.println("warmgate emulator listening on " + emulator.endpoint()
        + " (Auto Scaling 2011-01-01 + EC2 2016-11-15), speed " + emulator.clock().speed() + "x");
    out.println("Point the AWS CLI at it:");
    out.println("  " + emulator.cliHint().replace("\n", "\n  "));
    return emulator;
  }

  /** Returns the usage text. */
  public static String usage() {
    return "usage: EmulatorMain [--port 4566] [--speed 1] [--seed 42] [--region us-east-1] [--health-port 8080]\n"
        + "       [--boot-profile linux|windows|instant] [--event-target URL]... [--drop-events RATE]\n"
        + "       [--duplicate-events RATE] [--throttle RATE] [--server-errors RATE] [--latency-ms MS]\n"
        + "       [--iam-policy ACCESS_KEY_ID=FILE]...";
  }
}
