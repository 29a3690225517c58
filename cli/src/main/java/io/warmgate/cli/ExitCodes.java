package io.warmgate.cli;

/**
 * The exit codes of {@code warmgate}, documented in {@code docs/cli.md}.
 *
 * <p>Codes 3 to 5 mean different things per command because each command has its own question to
 * answer; 0, 1, 2 and 130 mean the same everywhere.
 */
public final class ExitCodes {

  /** Success; for {@code check}: the gate would complete with CONTINUE. */
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
  /** Interrupted (Ctrl-C) before the work was done. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
