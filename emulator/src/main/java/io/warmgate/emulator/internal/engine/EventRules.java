package io.warmgate.emulator.internal.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Holds the EventBridge rules of the emulated account's default event bus, by name. Thread-safe. */
public final class EventRules {
  /** The only bus the emulator has; Auto Scaling sends its events there. */
  public static final String DEFAULT_BUS = "default";
  /** EventBridge's default quota of rules per bus. */
  public static final int MAX_RULES = 300;

  private final String region;
  private final String accountId;
  private final Map<String, EventRule> rules = new TreeMap<>();

  /** Creates an empty bus whose rule ARNs name the given region and account. */
  public EventRules(String region, String accountId) {
    this.region = region;
    this.accountId = accountId;
  }

  /** Returns the rule, creating it if it does not exist; callers set its fields while holding this object's lock. */
  public synchronized EventRule put(String name) {
    EventRule existing = rules.get(name);
    if (existing != null) {
      return existing;
    }
    if (rules.size() >= MAX_RULES) {
      throw new ApiException(400, "LimitExceededException", "The requested resource exceeds the maximum number allowed.");
    }
    EventRule rule = new EventRule(name, arnOf(name));
    rules.put(name, rule);
    return rule;
  }

  /** The ARN a rule of this name has, whether or not it exists. */
  public String arnOf(String name) {
    return "arn:aws:events:" + region + ":" + accountId + ":rule/" + name;
  }

  /**
   * Returns the rule.
   *
   * @throws ApiException ResourceNotFoundException, as EventBridge words it, if there is none
   */
  public synchronized EventRule get(String name) {
    EventRule rule = rules.get(name);
    if (rule == null) {
      throw new ApiException(400, "ResourceNotFoundException", "Rule " + name + " does not exist on EventBus "
          + DEFAULT_BUS + ".");
    }
    return rule;
  }

  /** Removes a rule; a rule with targets cannot be removed, as in EventBridge. */
  public synchronized void delete(String name) {
    EventRule rule = rules.get(name);
    if (rule == null) {
      return;
    }
    if (!rule.targets.isEmpty()) {
      throw new ApiException(400, "ValidationException", "Rule can't be deleted since it has targets.");
    }
    rules.remove(name);
  }

  /** The rules whose names start with {@code prefix} (all when null), sorted by name. */
  public synchronized List<EventRule> list(String prefix) {
    return rules.values().stream().filter(r -> prefix == null || r.name.startsWith(prefix)).toList();
  }
}
