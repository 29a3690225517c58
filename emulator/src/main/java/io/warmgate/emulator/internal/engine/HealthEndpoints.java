package io.warmgate.emulator.internal.engine;

/**
 * Opens and closes the health endpoints of simulated instances. Both calls are asynchronous and
 * must not block, since the engine calls them while holding its lock.
 */
public interface HealthEndpoints {
  /** Starts serving the instance's health endpoint on its private IP and health port. */
  void open(SimInstance instance);

  /** Stops serving it; connections are refused afterwards. */
  void close(SimInstance instance);

  /** Returns whether opening the endpoint failed (for example, the port was taken). */
  default boolean failed(SimInstance instance) {
    return false;
  }
}
