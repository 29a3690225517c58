package io.warmgate.emulator.internal.engine;

import java.time.Duration;

/** Holds one lifecycle hook of a group. */
public final class Hook {
  public static final String LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING";
  public static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";

  public final String name;
  public final String groupName;
  public String transition;
  public int heartbeatTimeout = 3600;
  public String defaultResult = "ABANDON";
  public String notificationMetadata;
  public String notificationTargetArn;
  public String roleArn;

  Hook(String name, String groupName) {
    this.name = name;
    this.groupName = groupName;
  }

  /** Returns the global timeout in seconds: min(48 h, 100 x heartbeat timeout). */
  public int globalTimeout() {
    return Math.min(172_800, 100 * heartbeatTimeout);
  }

  Duration heartbeat() {
    return Duration.ofSeconds(heartbeatTimeout);
  }
}
