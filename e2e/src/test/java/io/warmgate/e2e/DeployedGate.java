package io.warmgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.emulator.stack.Intrinsics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a synthesized template says about the gate, read from the template alone: the function
 * (handler, timeout, memory, environment), its role's policy (inline and attached, as one document),
 * the launching hook, the rules invoking the function (event patterns and the sweep's rate), and,
 * when the stack creates the group, the group and its warm pool. CloudFormation intrinsics are
 * resolved for one account and region, with the stack's own group given a physical name.
 *
 * @param stackName the stack's name
 * @param handler the function's handler string
 * @param timeout the function's timeout
 * @param memoryMb the function's memory size
 * @param environment the function's environment variables
 * @param rolePolicy the role's permissions as one identity-based policy document
 * @param managedPolicyArns managed policies attached to the role (their documents are not in the template)
 * @param hook the launching hook
 * @param hookWithGroup whether the hook is created with the group (else after it)
 * @param eventPatterns the patterns of the rules that invoke the function on events
 * @param sweepRate the rate of the scheduled rule that invokes it
 * @param group the group the stack creates, if it creates one
 */
record DeployedGate(String stackName, String handler, Duration timeout, int memoryMb, Map<String, String> environment,
    ObjectNode rolePolicy, List<String> managedPolicyArns, Hook hook, boolean hookWithGroup,
    List<EventPattern> eventPatterns, Duration sweepRate, Optional<Group> group) {

  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

  /** The launching hook as the template defines it. */
  record Hook(String name, String transition, int heartbeatTimeout, String defaultResult, String notificationMetadata) { }

  /** The group the stack creates and its warm pool. */
  record Group(String name, int min, int max, Integer desired, int poolMin, Integer poolMaxPrepared, String poolState) { }

  /** Reads the gate of the stack {@code stackName} from its template. */
  static DeployedGate read(String stackName, JsonNode template) {
    JsonNode resources = template.path("Resources");
    // A group is known by the name the template gives it, else by the one CloudFormation would make up.
    Intrinsics names = new Intrinsics(stackName, REGION, ACCOUNT, template.path("Parameters"), Map.of());
    Map<String, String> physical = new LinkedHashMap<>();
    resources.fields().forEachRemaining(r -> {
      if (r.getValue().path("Type").asText().equals("AWS::AutoScaling::AutoScalingGroup")) {
        JsonNode name = r.getValue().path("Properties").path("AutoScalingGroupName");
        physical.put(r.getKey(), name.isMissingNode() ? stackName + "-" + r.getKey() : names.text(name));
      }
    });
    // The main code's resolver (the stack replay's): the groups by their physical names, every other resource
    // by an ARN naming it (what the role's statements on queues and the like need); anything else is refused.
    Intrinsics in = new Intrinsics(stackName, REGION, ACCOUNT, template.path("Parameters"), Map.of());
    resources.fieldNames().forEachRemaining(id -> {
      if (physical.containsKey(id)) {
        in.defineRef(id, physical.get(id));
      } else {
        in.defineNotModeled(id, "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":resource/" + id);
      }
    });

    String functionId = null;
    JsonNode function = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      if (r.getValue().path("Type").asText().equals("AWS::Lambda::Function")
          && r.getValue().path("Properties").path("Handler").asText().startsWith("io.warmgate.")) {
        if (function != null) {
          throw new IllegalStateException(stackName + " has more than one warmgate function");
        }
        functionId = r.getKey();
        function = r.getValue().path("Properties");
      }
    }
    if (function == null) {
      throw new IllegalStateException(stackName + " has no warmgate function");
    }
    Map<String, String> environment = new LinkedHashMap<>();
    function.path("Environment").path("Variables").fields()
        .forEachRemaining(e -> environment.put(e.getKey(), in.text(e.getValue())));
    String roleId = function.path("Role").path("Fn::GetAtt").path(0).asText();

    ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    JsonNode role = resources.path(roleId).path("Properties");
    for (JsonNode inline : role.path("Policies")) {
      inline.path("PolicyDocument").path("Statement").forEach(s -> statements.add(in.resolve(s)));
    }
    List<String> managed = new ArrayList<>();
    role.path("ManagedPolicyArns").forEach(a -> managed.add(in.text(a)));
    resources.fields().forEachRemaining(r -> {
      JsonNode p = r.getValue().path("Properties");
      if (r.getValue().path("Type").asText().equals("AWS::IAM::Policy")) {
        for (JsonNode attached : p.path("Roles")) {
          if (attached.path("Ref").asText().equals(roleId)) {
            p.path("PolicyDocument").path("Statement").forEach(s -> statements.add(in.resolve(s)));
          }
        }
      }
    });

    Hook hook = null;
    boolean withGroup = false;
    Group group = null;
    List<EventPattern> patterns = new ArrayList<>();
    Duration sweep = null;
    String aliasOrFunction = functionId;
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      JsonNode p = r.getValue().path("Properties");
      switch (r.getValue().path("Type").asText()) {
        case "AWS::AutoScaling::LifecycleHook" -> {
          if (p.path("LifecycleTransition").asText().equals("autoscaling:EC2_INSTANCE_LAUNCHING")) {
            hook = hook(p, in);
          }
        }
        case "AWS::AutoScaling::AutoScalingGroup" -> {
          for (JsonNode spec : p.path("LifecycleHookSpecificationList")) {
            if (spec.path("LifecycleTransition").asText().equals("autoscaling:EC2_INSTANCE_LAUNCHING")) {
              hook = hook(spec, in);
              withGroup = true;
            }
          }
          JsonNode pool = warmPoolOf(resources, r.getKey());
          group = new Group(physical.get(r.getKey()), in.integer(p.path("MinSize")), in.integer(p.path("MaxSize")),
              p.has("DesiredCapacity") ? in.integer(p.path("DesiredCapacity")) : null,
              pool.has("MinSize") ? in.integer(pool.path("MinSize")) : 0,
              pool.has("MaxGroupPreparedCapacity") ? in.integer(pool.path("MaxGroupPreparedCapacity")) : null,
              pool.path("PoolState").asText("Stopped"));
        }
        case "AWS::Events::Rule" -> {
          boolean invokesGate = false;
          for (JsonNode target : p.path("Targets")) {
            invokesGate |= Intrinsics.refersTo(target.path("Arn"), functionId) || targetsAliasOf(resources, target.path("Arn"), functionId);
          }
          if (!invokesGate) {
            continue;
          }
          if (p.has("EventPattern")) {
            patterns.add(EventPattern.of(in.resolve(p.path("EventPattern"))));
          }
          if (p.has("ScheduleExpression")) {
            sweep = rate(p.path("ScheduleExpression").asText());
          }
        }
        default -> { }
      }
    }
    if (hook == null) {
      throw new IllegalStateException(stackName + " has no launching lifecycle hook");
    }
    if (sweep == null || patterns.isEmpty()) {
      throw new IllegalStateException(stackName + " lacks the event rule or the sweep schedule invoking " + aliasOrFunction);
    }
    return new DeployedGate(stackName, function.path("Handler").asText(), Duration.ofSeconds(function.path("Timeout").asInt(3)),
        function.path("MemorySize").asInt(128), Map.copyOf(environment), policy, List.copyOf(managed), hook, withGroup,
        List.copyOf(patterns), sweep, Optional.ofNullable(group));
  }

  /** True if any of the rules' patterns matches the event. */
  boolean routes(JsonNode event) {
    return eventPatterns.stream().anyMatch(p -> p.matches(event));
  }

  /** The role policy as JSON text, for the emulator. */
  String rolePolicyJson() {
    return rolePolicy.toPrettyString();
  }

  private static Hook hook(JsonNode p, Intrinsics in) {
    return new Hook(in.text(p.path("LifecycleHookName")), p.path("LifecycleTransition").asText(),
        p.has("HeartbeatTimeout") ? in.integer(p.path("HeartbeatTimeout")) : 3600,
        p.path("DefaultResult").asText("ABANDON"), p.has("NotificationMetadata") ? in.text(p.path("NotificationMetadata")) : null);
  }

  private static JsonNode warmPoolOf(JsonNode resources, String groupId) {
    for (Iterator<JsonNode> it = resources.elements(); it.hasNext(); ) {
      JsonNode r = it.next();
      if (r.path("Type").asText().equals("AWS::AutoScaling::WarmPool")
          && r.path("Properties").path("AutoScalingGroupName").path("Ref").asText().equals(groupId)) {
        return r.path("Properties");
      }
    }
    return JSON.createObjectNode();
  }

  private static boolean targetsAliasOf(JsonNode resources, JsonNode arn, String functionId) {
    String ref = arn.path("Ref").asText(null);
    JsonNode alias = ref == null ? null : resources.get(ref);
    return alias != null && alias.path("Type").asText().equals("AWS::Lambda::Alias")
        && alias.path("Properties").path("FunctionName").path("Ref").asText().equals(functionId);
  }

  private static Duration rate(String expression) {
    Matcher m = RATE.matcher(expression);
    if (!m.matches()) {
      throw new IllegalStateException("unsupported schedule expression " + expression);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "minute", "minutes" -> Duration.ofMinutes(n);
      case "hour", "hours" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
