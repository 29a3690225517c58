package io.warmgate.e2e;

/**
 * The machine the accelerated suites share. The incident scenarios and the fault matrix each simulate
 * many minutes at 10x to 30x; run side by side on two cores, one's load made the other's timings miss
 * (a fault-matrix row once CONTINUEd a warm start 5 min after it was healthy, the scenarios all
 * passing). So the scenarios take this lock shared ({@code READ}: they run together) and the fault
 * matrix takes it alone ({@code READ_WRITE}), ordered last so that it queues only once every scenario
 * holds the lock (junit-platform.properties); the quick checks take none.
 */
public final class SharedMachine {

  /** The name of the JUnit resource lock. */
  public static final String CPU = "io.warmgate.e2e.cpu";

  private SharedMachine() {}
}
