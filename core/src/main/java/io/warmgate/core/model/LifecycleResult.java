package io.warmgate.core.model;

/** The result a lifecycle action is completed with. */
public enum LifecycleResult {
  /** Let the transition proceed. */
  CONTINUE,
  /** Stop the transition; on a launch, Auto Scaling terminates the instance and replaces it. */
  ABANDON
}
