package io.warmgate.emulator.internal.http;

import static io.warmgate.emulator.internal.http.JsonBodies.parse;
import static io.warmgate.emulator.internal.http.JsonBodies.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.EventRule;
import io.warmgate.emulator.internal.engine.EventRules;
import io.warmgate.emulator.internal.engine.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Answers the EventBridge rule API in the JSON 1.1 protocol ({@code X-Amz-Target: AWSEvents.<Action>}, a JSON
 * body, errors as {@code {"__type":..., "message":...}}): PutRule, DescribeRule, ListRules, DeleteRule,
 * PutTargets, ListTargetsByRule and RemoveTargets, on the default event bus only. Like the other services, one
 * table names every operation and its handler.
 */
final class EventBridgeApi extends BaseService {
  /** The prefix of every EventBridge {@code X-Amz-Target}. */
  static final String TARGET_PREFIX = "AWSEvents.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
  private static final Pattern TARGET_ID = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
  private static final int MAX_TARGETS = 5;

  private static final Protocol PROTOCOL = new Protocol.Json(TARGET_PREFIX, CONTENT_TYPE);
  // EventBridge answers a denial with HTTP 400 and AccessDeniedException, with the other services' message.
  private static final Failures FAILURES = new Failures(400, "ThrottlingException", "Rate exceeded",
      "InternalException", 400, "AccessDeniedException");

  private final ObjectMapper json = new ObjectMapper();
  private final EventRules rules;
  /** Each operation's handler: it reads the request object and fills the response object. */
  private final Map<String, BiConsumer<JsonNode, ObjectNode>> operations = new LinkedHashMap<>();

  EventBridgeApi(EventRules rules) {
    super("events", PROTOCOL, FAILURES);
    this.rules = rules;
    operations.put("PutRule", this::putRule);
    operations.put("DescribeRule", this::describeRule);
    operations.put("ListRules", this::listRules);
    operations.put("DeleteRule", (in, out) -> {
      requireDefaultBus(in);
      rules.delete(ruleName(in, "Name"));
    });
    operations.put("PutTargets", this::putTargets);
    operations.put("ListTargetsByRule", this::listTargets);
    operations.put("RemoveTargets", this::removeTargets);
  }

  @Override
  public Set<String> actions() {
    return operations.keySet();
  }

  @Override
  public List<String> resources(ApiCall call) {
    return List.of(resource(call.action(), call.body()));
  }

  @Override
  public String handle(ApiCall call) {
    String action = call.action();
    String body = call.body();
    BiConsumer<JsonNode, ObjectNode> op = operations.get(action);
    if (op == null) {
      throw new ApiException(400, "UnknownOperationException", "Unknown operation " + Check.echo(action));
    }
    JsonNode in = parse(body);
    ObjectNode out = json.createObjectNode();
    synchronized (rules) {
      op.accept(in, out);
    }
    return out.toString();
  }

  /**
   * The ARN an action acts on, for IAM: the rule it names ({@code Name}, or {@code Rule} for targets), or {@code *}
   * for ListRules, which has no resource-level permissions. A body that names no valid rule gives {@code *}; the
   * action then fails its own validation.
   */
  private String resource(String action, String body) {
    if (action.equals("ListRules")) {
      return "*";
    }
    try {
      JsonNode in = parse(body);
      String name = text(in, action.contains("Target") ? "Rule" : "Name");
      return name != null && RULE_NAME.matcher(name).matches() ? rules.arnOf(name) : "*";
    } catch (ApiException e) {
      return "*";
    }
  }

  /** Renders an error in the JSON 1.1 shape. */
  @Override
  public String error(ApiException e, String requestId) {
    ObjectNode err = new ObjectMapper().createObjectNode();
    err.put("__type", e.code());
    err.put("message", e.getMessage());
    return err.toString();
  }

  private void putRule(JsonNode in, ObjectNode out) {
    requireDefaultBus(in);
    String name = ruleName(in, "Name");
    String pattern = text(in, "EventPattern");
    String schedule = text(in, "ScheduleExpression");
    if (pattern == null && schedule == null) {
      throw validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    if (pattern != null) {
      checkPattern(pattern);
    }
    if (schedule != null && !schedule.matches("(rate|cron)\\(.+\\)")) {
      throw validation("Parameter ScheduleExpression is not valid.");
    }
    String state = text(in, "State");
    if (state != null && !state.equals("ENABLED") && !state.equals("DISABLED")) {
      throw validation("1 validation error detected: Value '" + state + "' at 'state' failed to satisfy constraint:"
          + " Member must satisfy enum value set: [ENABLED, DISABLED]");
    }
    String description = text(in, "Description");
    if (description != null && description.length() > 512) {
      throw validation("1 validation error detected: Value at 'description' failed to satisfy constraint: Member"
          + " must have length less than or equal to 512");
    }
    EventRule rule = rules.put(name);
    rule.eventPattern = pattern;
    rule.scheduleExpression = schedule;
    rule.state = state != null ? state : "ENABLED";
    rule.description = description;
    rule.roleArn = text(in, "RoleArn");
    out.put("RuleArn", rule.arn);
  }

  private void checkPattern(String pattern) {
    JsonNode parsed;
    try {
      parsed = json.readTree(pattern);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "InvalidEventPatternException", "Event pattern is not valid. Reason: the pattern"
          + " is not valid JSON");
    }
    if (parsed == null || !parsed.isObject() || parsed.isEmpty()) {
      throw new ApiException(400, "InvalidEventPatternException", "Event pattern is not valid. Reason: Filter is"
          + " not an object");
    }
    checkLeaves(parsed);
  }

  // Every leaf of a pattern is an array of values or filters, as EventBridge insists.
  private static void checkLeaves(JsonNode node) {
    node.fields().forEachRemaining(f -> {
      JsonNode v = f.getValue();
      if (v.isObject()) {
        checkLeaves(v);
      } else if (!v.isArray() || v.isEmpty()) {
        throw new ApiException(400, "InvalidEventPatternException", "Event pattern is not valid. Reason: \""
            + f.getKey() + "\" must be an object or an array");
      }
    });
  }

  private void describeRule(JsonNode in, ObjectNode out) {
    requireDefaultBus(in);
    writeRule(rules.get(ruleName(in, "Name")), out);
  }

  private void listRules(JsonNode in, ObjectNode out) {
    requireDefaultBus(in);
    String prefix = text(in, "NamePrefix");
    if (prefix != null && !RULE_NAME.matcher(prefix).matches()) {
      throw validation("1 validation error detected: Value '" + prefix + "' at 'namePrefix' failed to satisfy"
          + " constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
    }
    int limit = limit(in);
    List<EventRule> all = rules.list(prefix);
    int from = offset(in);
    int to = Math.min(all.size(), from + limit);
    ArrayNode list = out.putArray("Rules");
    for (int k = from; k < to; k++) {
      writeRule(all.get(k), list.addObject());
    }
    if (to < all.size()) {
      out.put("NextToken", Params.token(to));
    }
  }

  private static void writeRule(EventRule r, ObjectNode o) {
    o.put("Name", r.name);
    o.put("Arn", r.arn);
    if (r.eventPattern != null) {
      o.put("EventPattern", r.eventPattern);
    }
    if (r.scheduleExpression != null) {
      o.put("ScheduleExpression", r.scheduleExpression);
    }
    o.put("State", r.state);
    if (r.description != null) {
      o.put("Description", r.description);
    }
    if (r.roleArn != null) {
      o.put("RoleArn", r.roleArn);
    }
    o.put("EventBusName", EventRules.DEFAULT_BUS);
  }

  @SuppressWarnings("unchecked")
  private void putTargets(JsonNode in, ObjectNode out) {
    requireDefaultBus(in);
    EventRule rule = rules.get(ruleName(in, "Rule"));
    JsonNode targets = in.path("Targets");
    if (!targets.isArray() || targets.isEmpty() || targets.size() > 10) {
      throw validation("1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must"
          + " have length less than or equal to 10 and greater than or equal to 1");
    }
    List<Map<String, Object>> accepted = new ArrayList<>();
    for (JsonNode t : targets) {
      String id = t.path("Id").asText(null);
      String arn = t.path("Arn").asText(null);
      if (id == null || !TARGET_ID.matcher(id).matches()) {
        throw validation("1 validation error detected: Value at 'targets.member.id' failed to satisfy constraint:"
            + " Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
      }
      if (arn == null || !arn.startsWith("arn:")) {
        throw validation("Parameter " + arn + " is not valid. Reason: Provided Arn is not in correct format.");
      }
      accepted.add(json.convertValue(t, Map.class));
    }
    long added = accepted.stream().filter(t -> !rule.targets.containsKey((String) t.get("Id"))).count();
    if (rule.targets.size() + added > MAX_TARGETS) {
      throw new ApiException(400, "LimitExceededException", "The requested resource exceeds the maximum number"
          + " allowed.");
    }
    accepted.forEach(t -> rule.targets.put((String) t.get("Id"), t));
    out.put("FailedEntryCount", 0);
    out.putArray("FailedEntries");
  }

  private void listTargets(JsonNode in, ObjectNode out) {
    requireDefaultBus(in);
    EventRule rule = rules.get(ruleName(in, "Rule"));
    ArrayNode list = out.putArray("Targets");
    rule.targets.values().forEach(t -> list.add(json.valueToTree(t)));
  }

  private void removeTargets(JsonNode in, ObjectNode out) {
    requireDefaultBus(in);
    EventRule rule = rules.get(ruleName(in, "Rule"));
    JsonNode ids = in.path("Ids");
    if (!ids.isArray() || ids.isEmpty()) {
      throw validation("1 validation error detected: Value null at 'ids' failed to satisfy constraint: Member must"
          + " not be null");
    }
    ids.forEach(id -> rule.targets.remove(id.asText()));
    out.put("FailedEntryCount", 0);
    out.putArray("FailedEntries");
  }

  private static void requireDefaultBus(JsonNode in) {
    String bus = text(in, "EventBusName");
    if (bus != null && !bus.equals(EventRules.DEFAULT_BUS) && !bus.endsWith(":event-bus/" + EventRules.DEFAULT_BUS)) {
      throw new ApiException(400, "ResourceNotFoundException", "Event bus " + bus + " does not exist.");
    }
  }

  private static String ruleName(JsonNode in, String field) {
    String name = text(in, field);
    if (name == null) {
      throw validation("1 validation error detected: Value null at '" + lowerFirst(field) + "' failed to satisfy"
          + " constraint: Member must not be null");
    }
    if (!RULE_NAME.matcher(name).matches()) {
      throw validation("1 validation error detected: Value '" + name + "' at '" + lowerFirst(field) + "' failed to"
          + " satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
    }
    return name;
  }

  private static int limit(JsonNode in) {
    JsonNode limit = in.get("Limit");
    if (limit == null || limit.isNull()) {
      return 100;
    }
    if (!limit.canConvertToInt() || limit.asInt() < 1 || limit.asInt() > 100) {
      throw validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy constraint:"
          + " Member must have value between 1 and 100");
    }
    return limit.asInt();
  }

  private static int offset(JsonNode in) {
    String token = text(in, "NextToken");
    if (token == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(token),
          java.nio.charset.StandardCharsets.UTF_8));
      if (offset < 0) {
        throw new IllegalArgumentException("negative offset");
      }
      return offset;
    } catch (IllegalArgumentException e) {
      throw validation("The nextToken provided is invalid.");
    }
  }

  private static ApiException validation(String message) {
    return new ApiException(400, "ValidationException", message);
  }

  private static String lowerFirst(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
