package io.warmgate.cli.demo;

import java.util.List;

/**
 * The gate that serves one story's group in the demo: reacts to lifecycle events and sweeps.
 *
 * <p>Events arrive on the emulator's event thread and must be handed off at once; {@link #sweep()} runs
 * on a demo thread and may block on API calls.
 */
public interface StoryGate extends AutoCloseable {

  /** No gate at all (story 1). */
  StoryGate NONE = new StoryGate() {
    @Override
    public void onEvent(String eventJson) {}

    @Override
    public void sweep() {}

    @Override
    public int lifecycleCalls() {
      return 0;
    }

    @Override
    public void close() {}
  };

  /** Handles one EventBridge-shaped lifecycle event of this story's group; must not block. */
  void onEvent(String eventJson);

  /** Looks for waiting instances whose events were lost and gates them. */
  void sweep();

  /** The gate's decisions so far, oldest first (for the report). */
  default List<DecisionNote> decisions() {
    return List.of();
  }

  /** Lifecycle API calls (heartbeats and completions) sent so far. */
  int lifecycleCalls();

  /** Stops gating; pending checks are dropped. */
  @Override
  void close();
}
