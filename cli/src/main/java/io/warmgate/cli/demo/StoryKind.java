package io.warmgate.cli.demo;

import java.util.Optional;

/** The three ways the demo runs the same story. */
public enum StoryKind {
  /** A warm pool and no lifecycle hook: Auto Scaling stops new instances as soon as they run. */
  NO_HOOK(
      "no-hook",
      "1. no hook",
      "Warm pool (Stopped), no lifecycle hook: Auto Scaling stops each new instance as soon as it is running,"
          + " in the middle of its first-boot setup.",
      Optional.empty()),
  /** A hook with a 960 s heartbeat timeout and CONTINUE, and a poller with no deadline and no heartbeat. */
  USUAL_FIX(
      "usual-fix",
      "2. the usual fix",
      "Launching hook (heartbeat timeout 960 s, default CONTINUE) and a checker that polls the health URL every"
          + " 10 s with no deadline and no heartbeat.",
      Optional.of(new Hook(960, "CONTINUE"))),
  /** A hook with ABANDON, gated by warmgate's defaults. */
  WARMGATE(
      "warmgate",
      "3. warmgate",
      "Launching hook (default ABANDON) gated by warmgate's defaults: heartbeats, a deadline from the boot,"
          + " ABANDON at the deadline, consecutive passes and a settle delay.",
      Optional.of(new Hook(600, "ABANDON")));

  private final String id;
  private final String title;
  private final String description;
  private final Optional<Hook> hook;

  StoryKind(String id, String title, String description, Optional<Hook> hook) {
    this.id = id;
    this.title = title;
    this.description = description;
    this.hook = hook;
  }

  /** Short id, also the suffix of the group name. */
  public String id() {
    return id;
  }

  /** Title shown in tables and the report. */
  public String title() {
    return title;
  }

  /** How the group is set up, in one or two sentences. */
  public String description() {
    return description;
  }

  /** The launching hook the group gets, if any. */
  public Optional<Hook> hook() {
    return hook;
  }

  /** The group name of this story in the demo. */
  public String groupName() {
    return "demo-" + id;
  }

  /** The launching hook's name in every demo group. */
  public static final String HOOK_NAME = "warmgate-launch";

  /** A launching lifecycle hook's settings. */
  public record Hook(int heartbeatTimeoutSeconds, String defaultResult) {}
}
