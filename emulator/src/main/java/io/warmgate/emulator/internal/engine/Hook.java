package io.warmgate.emulator.internal.engine;

import java.time.Duration;

/** Holds one lifecycle hook of a group. Guarded by the engine lock; changed only by engine commands. */
public final class Hook {
  /** The transition a hook gates, as the API spells it. */
  public enum Transition {
    LAUNCHING("autoscaling:EC2_INSTANCE_LAUNCHING"),
    TERMINATING("autoscaling:EC2_INSTANCE_TERMINATING");

    private final String wire;

    Transition(String wire) {
      this.wire = wire;
    }

    /** Returns the transition as the API spells it. */
    public String wire() {
      return wire;
    }

    /** Returns the transition the API names, or null for an unknown name. */
    public static Transition fromWire(String name) {
      for (Transition t : values()) {
        if (t.wire.equals(name)) {
          return t;
        }
      }
      return null;
    }
  }

  /** How a lifecycle action ends: the instance goes on, or is given up. */
  public enum Result {
    CONTINUE, ABANDON;

    /** Returns the result the API names, or null for an unknown name. */
    public static Result fromWire(String name) {
      for (Result r : values()) {
        if (r.name().equals(name)) {
          return r;
        }
      }
      return null;
    }
  }

  /** Seconds a hook may be given without a heartbeat: the API's bounds and default. */
  static final int MIN_HEARTBEAT = 30;
  static final int MAX_HEARTBEAT = 7200;
  /** NotificationMetadata is an XmlStringMaxLen1023 in PutLifecycleHook and LifecycleHookSpecification. */
  static final int MAX_NOTIFICATION_METADATA = 1023;
  static final int DEFAULT_HEARTBEAT = 3600;

  public final String name;
  public final String groupName;
  Transition transition;
  int heartbeatTimeout = DEFAULT_HEARTBEAT;
  Result defaultResult = Result.ABANDON;
  String notificationMetadata;
  String notificationTargetArn;
  String roleArn;

  Hook(String name, String groupName) {
    this.name = name;
    this.groupName = groupName;
  }

  public Transition transition() {
    return transition;
  }

  public int heartbeatTimeout() {
    return heartbeatTimeout;
  }

  public Result defaultResult() {
    return defaultResult;
  }

  public String notificationMetadata() {
    return notificationMetadata;
  }

  public String notificationTargetArn() {
    return notificationTargetArn;
  }

  public String roleArn() {
    return roleArn;
  }

  /** Returns the global timeout in seconds: min(48 h, 100 x heartbeat timeout). */
  public int globalTimeout() {
    return Math.min(172_800, 100 * heartbeatTimeout);
  }

  Duration heartbeat() {
    return Duration.ofSeconds(heartbeatTimeout);
  }
}
