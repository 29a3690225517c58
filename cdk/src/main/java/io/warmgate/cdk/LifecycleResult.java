package io.warmgate.cdk;

/** Names the two ways a lifecycle action can end, as Auto Scaling spells them. */
public enum LifecycleResult {
  /** Let the instance proceed (into the warm pool or into service). */
  CONTINUE,
  /** Terminate the instance; Auto Scaling launches a replacement. */
  ABANDON
}
