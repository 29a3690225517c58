package io.warmgate.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both clocks do to a task before running it. */
final class ClockTasks {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorClock.class);

  private ClockTasks() {
  }

  /** The task, logging what it throws: a failing timer must not kill the thread every other timer shares. */
  static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("emulator timer task failed", e);
      }
    };
  }
}
