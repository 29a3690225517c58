package io.warmgate.core.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rule about how a launching hook's actions reach a gate: an EventBridge rule, a queue or a daemon. */
final class RouteRules {

  /** Event fields doctor cannot know for a future action; a pattern on them is taken to match. */
  private static final Set<String> UNKNOWN_FIELDS = Set.of("id", "time", "account", "region", "resources",
      "detail.EC2InstanceId", "detail.LifecycleActionToken", "detail.NotificationMetadata");

  /** The Origin/Destination pairs of a launching hook's actions. */
  private record Leg(String origin, String destination, String label) {}

  private RouteRules() {}

  /**
   * {@code no-event-route}: some of a launching hook's actions reach no gate; {@code event-route-not-checked}
   * (info) when the rules could not be read and nothing else routes them.
   */
  static List<Finding> noEventRoute(GroupSnapshot g) {
    List<Finding> out = new ArrayList<>();
    if (g.managedBy().isPresent()) {
      return out;
    }
    List<Leg> legs = g.warmPool().isPresent()
        ? List.of(new Leg("EC2", "WarmPool", "launch into the warm pool"),
            new Leg("WarmPool", "AutoScalingGroup", "warm start from the pool"),
            new Leg("EC2", "AutoScalingGroup", "cold start"))
        : List.of(new Leg("EC2", "AutoScalingGroup", "launch"));
    for (HookFacts h : g.launchingHooks()) {
      if (h.notificationTarget().isPresent()) {
        continue;
      }
      String hook = h.hook().hookName();
      if (g.routes() instanceof EventRoutes.NotChecked notChecked) {
        out.add(new Finding("event-route-not-checked", Severity.INFO,
            "could not check whether an EventBridge rule routes hook " + hook + " to a gate",
            "EventBridge ListRules failed: " + notChecked.reason() + ". The hook has no notification target and"
                + " the group no managed tag, so a rule is the only route left; doctor does not guess.",
            "Allow events:ListRules to whoever runs doctor, or check the rules by hand: aws events list-rules"
                + " --event-bus-name default"));
        continue;
      }
      List<EventRule> rules = ((EventRoutes.Checked) g.routes()).rules();
      List<String> unrouted = new ArrayList<>();
      List<String> routedBy = new ArrayList<>();
      for (Leg leg : legs) {
        Map<String, Object> event = sampleEvent(g.group(), hook, leg);
        Optional<EventRule> rule = rules.stream().filter(EventRule::enabled).filter(r -> r.pattern().isPresent())
            .filter(r -> EventPatterns.matches(r.pattern().get(), event, UNKNOWN_FIELDS)).findFirst();
        if (rule.isPresent()) {
          routedBy.add(rule.get().name());
        } else {
          unrouted.add(leg.label() + " (" + leg.origin() + " -> " + leg.destination() + ")");
        }
      }
      if (unrouted.isEmpty()) {
        continue;
      }
      String detail = routedBy.isEmpty()
          ? "No enabled EventBridge rule on the default bus matches this hook's lifecycle actions, the hook has no"
              + " notification target, and the group has no managed tag for a warmgate daemon. Nothing answers"
              + " the hook: every action waits for its timeout and then gets the default result "
              + h.hook().defaultResult() + "."
          : "Rule " + String.join(", ", routedBy.stream().distinct().toList()) + " matches some of the hook's actions,"
              + " but none matches: " + String.join(", ", unrouted) + ". Those actions wait for the timeout and"
              + " get the default result " + h.hook().defaultResult() + ".";
      out.add(new Finding("no-event-route", Severity.WARNING,
          "no route from launching hook " + hook + " to a gate" + (routedBy.isEmpty() ? "" : " for some actions"),
          detail,
          "Deploy the WarmGate construct (its rule matches source aws.autoscaling, detail-type EC2 Instance-launch"
              + " Lifecycle Action, this group and hook), or run warmgate run --group " + g.group()
              + " (or tag the group warmgate:managed=true)."));
    }
    return out;
  }

  /** The event Auto Scaling would send for one of the hook's actions, without the fields doctor cannot know. */
  private static Map<String, Object> sampleEvent(String group, String hook, Leg leg) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("AutoScalingGroupName", group);
    detail.put("LifecycleHookName", hook);
    detail.put("LifecycleTransition", "autoscaling:EC2_INSTANCE_LAUNCHING");
    detail.put("Origin", leg.origin());
    detail.put("Destination", leg.destination());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "0");
    event.put("source", "aws.autoscaling");
    event.put("detail-type", "EC2 Instance-launch Lifecycle Action");
    event.put("detail", detail);
    return event;
  }
}
