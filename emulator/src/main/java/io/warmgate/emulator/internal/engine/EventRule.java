package io.warmgate.emulator.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holds one EventBridge rule on the default bus: its pattern or schedule, state and targets. The emulator
 * records rules so that clients can find them (ListRules); it does not deliver events to their targets, whose
 * ARNs name nothing locally (lifecycle events go to the emulator's own listeners and event targets instead).
 * Guarded by the {@link EventRules} that holds it.
 */
public final class EventRule {
  public final String name;
  public final String arn;
  public String eventPattern;
  public String scheduleExpression;
  public String state = "ENABLED";
  public String description;
  public String roleArn;
  /** Targets by id: the target's JSON object as PutTargets sent it. */
  public final Map<String, Map<String, Object>> targets = new LinkedHashMap<>();

  EventRule(String name, String arn) {
    this.name = name;
    this.arn = arn;
  }
}
