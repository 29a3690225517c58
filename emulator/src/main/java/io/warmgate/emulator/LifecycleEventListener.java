package io.warmgate.emulator;

/**
 * Receives each lifecycle event the emulator emits, as EventBridge-shaped JSON.
 *
 * <p>Called on the emulator's single event thread, in emission order, never while the engine
 * holds its lock, so a listener may call the emulator's API. A listener should return quickly;
 * an exception it throws is logged and does not stop delivery to others.
 */
@FunctionalInterface
public interface LifecycleEventListener {
  /** A listener that ignores every event. */
  LifecycleEventListener NONE = json -> { };

  /**
   * Handles one event.
   *
   * @param eventJson the EventBridge event, for example with detail-type
   *     {@code EC2 Instance-launch Lifecycle Action}
   */
  void onEvent(String eventJson);
}
