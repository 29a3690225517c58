package io.warmgate.e2e.faults;

/**
 * One row of the fault matrix: a fault, what the gate must still guarantee under it, and the run that
 * checks it. {@link #run} asserts the outcomes (an {@link AssertionError} fails the row) and records its
 * figures as it goes, so a failed row still reports what it measured.
 */
interface FaultRow {

  /** The row's short name, as the table shows it. */
  String fault();

  /** What must hold under the fault. */
  String guarantee();

  /** Runs the row; {@code longRun} is set by {@code -De2e.scenarios} (longer, larger variants). */
  void run(Figures figures, boolean longRun) throws Exception;
}
