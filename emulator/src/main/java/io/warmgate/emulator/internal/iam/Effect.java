package io.warmgate.emulator.internal.iam;

/** A statement's {@code Effect}. */
public enum Effect {
  /** Grants what the statement matches. */
  ALLOW,
  /** Refuses what the statement matches, whatever else allows it. */
  DENY
}
