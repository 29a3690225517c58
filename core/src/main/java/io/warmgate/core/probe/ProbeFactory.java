package io.warmgate.core.probe;

import io.warmgate.core.policy.ProbeSpec;

/**
 * Turns a probe specification into a runnable probe. {@link Probes} is the real one; tests pass scripted
 * probes through it. Thread-safe.
 */
@FunctionalInterface
public interface ProbeFactory {

  /** The probe for {@code spec}; may return the same instance for equal specs. */
  Probe from(ProbeSpec spec);
}
