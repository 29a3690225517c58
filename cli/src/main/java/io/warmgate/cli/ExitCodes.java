package io.warmgate.cli;

/**
 * The exit codes of {@code warmgate}, documented in {@code docs/cli.md}.
 *
 * <p>Codes 3 to 6 mean different things per command because each command has its own question to
 * answer; 0, 1, 2, 130 and 143 mean the same everywhere.
 */
public final class ExitCodes {

  /**
   * Success; for {@code check}: this round's probes passed (the gate continues once it has its consecutive
   * passes and settle delay, as the {@code gate:} line says); for {@code run}: stopped cleanly.
   */
  public static final int OK = 0;
  /** A runtime failure: endpoint unreachable, AWS error, report not writable. */
  public static final int FAILURE = 1;
  /** Bad command line: unknown flag, bad value. */
  public static final int USAGE = 2;
  /** {@code demo}: the stories did not end as expected; {@code check}: not ready yet (the gate would wait). */
  public static final int UNEXPECTED_OR_WAIT = 3;
  /** {@code check}: the gate would complete with ABANDON (deadline passed). */
  public static final int ABANDON = 4;
  /** {@code check}: nothing to gate (instance not waiting, gone, or not in a managed group). */
  public static final int NOTHING_TO_GATE = 5;
  /** {@code demo}: the machine could not keep up with the speed factor, so the results are invalid. */
  public static final int RESULTS_INVALID = 6;
  /** Interrupted (Ctrl-C, SIGINT) before the work was done. */
  public static final int INTERRUPTED = 130;
  /** Stopped by SIGTERM (128 + 15, set by the JVM); {@code run} shuts down gracefully first. */
  public static final int TERMINATED = 143;

  private ExitCodes() {}
}
