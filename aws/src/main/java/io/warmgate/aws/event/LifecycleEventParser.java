package io.warmgate.aws.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Location;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads lifecycle messages from every shape they arrive in; never throws on bad input.
 *
 * <p>Shapes understood (real samples are kept in the {@code testing} module, under {@code
 * testing/src/main/resources/io/warmgate/testing/payloads/}, read by {@code io.warmgate.testing.Payloads}):
 *
 * <ul>
 *   <li>EventBridge events from {@code aws.autoscaling} with detail-type {@code EC2 Instance-launch
 *       Lifecycle Action} or {@code EC2 Instance-terminate Lifecycle Action} ({@code
 *       eventbridge-launch.json}, the example from the AWS documentation, and {@code
 *       eventbridge-terminate.json});
 *   <li>the flat lifecycle notification a hook sends to SQS or SNS ({@code sqs-lifecycle-body.json});
 *   <li>an SNS envelope whose {@code Message} string holds such a notification ({@code
 *       sns-envelope.json});
 *   <li>{@code autoscaling:TEST_NOTIFICATION} ({@code test-notification.json}), acknowledged and
 *       ignored;
 *   <li>via {@link #parseAll(String)}, Lambda's SQS and SNS batch events, whose records carry any of
 *       the above ({@code sqs-batch-event.json}).
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class LifecycleEventParser {

  /** EventBridge detail-type of launching actions. */
  public static final String LAUNCH_DETAIL_TYPE = "EC2 Instance-launch Lifecycle Action";
  /** EventBridge detail-type of terminating actions. */
  public static final String TERMINATE_DETAIL_TYPE = "EC2 Instance-terminate Lifecycle Action";
  /** The {@code Event} value of Auto Scaling's test message. */
  public static final String TEST_NOTIFICATION = "autoscaling:TEST_NOTIFICATION";

  // SNS inside SQS inside a batch is two levels of wrapping; more than that is not a real shape.
  private static final int MAX_DEPTH = 3;
  private static final int MAX_BATCH = 10_000;
  private static final int EXCERPT = 80;

  private final ObjectMapper json;

  /** Uses a plain Jackson mapper. */
  public LifecycleEventParser() {
    this(new ObjectMapper());
  }

  /** Uses the given mapper (shared mappers are thread-safe once configured). */
  public LifecycleEventParser(ObjectMapper json) {
    this.json = java.util.Objects.requireNonNull(json, "json");
  }

  /**
   * Parses one message: an EventBridge event, a notification body or an SNS envelope.
   *
   * @return never null; {@link LifecycleMessage.Malformed} for anything unreadable
   */
  public LifecycleMessage parse(String payload) {
    return read(payload).map(n -> parse(n, 0)).orElseGet(() -> malformed(payload));
  }

  /** Parses one already-read message. */
  public LifecycleMessage parse(JsonNode node) {
    return parse(node, 0);
  }

  /**
   * Parses a payload that may be a batch (Lambda's SQS or SNS event, {@code {"Records":[...]}}) or a
   * single message; one result per record, in order.
   */
  public List<LifecycleMessage> parseAll(String payload) {
    Optional<JsonNode> node = read(payload);
    if (node.isEmpty()) {
      return List.of(malformed(payload));
    }
    return parseAll(node.get());
  }

  /** Like {@link #parseAll(String)}, for an already-read payload. */
  public List<LifecycleMessage> parseAll(JsonNode node) {
    JsonNode records = node.get("Records");
    if (!node.isObject() || records == null) {
      return List.of(parse(node, 0));
    }
    if (!records.isArray()) {
      return List.of(new LifecycleMessage.Malformed("\"Records\" is not an array"));
    }
    List<LifecycleMessage> out = new ArrayList<>(records.size());
    int index = 0;
    for (JsonNode record : records) {
      if (index++ >= MAX_BATCH) {
        out.add(new LifecycleMessage.Malformed("batch has more than " + MAX_BATCH + " records; rest dropped"));
        break;
      }
      out.add(record(record, index - 1));
    }
    return List.copyOf(out);
  }

  private LifecycleMessage record(JsonNode record, int index) {
    String where = "record " + index + ": ";
    if (!record.isObject()) {
      return new LifecycleMessage.Malformed(where + "not a JSON object");
    }
    JsonNode body = record.get("body");
    if (body != null && body.isTextual()) {
      return prefix(where, parseText(body.asText(), 1));
    }
    JsonNode sns = record.get("Sns");
    if (sns != null && sns.isObject() && sns.path("Message").isTextual()) {
      return prefix(where, parseText(sns.path("Message").asText(), 1));
    }
    return new LifecycleMessage.Malformed(where + "neither an SQS record (body) nor an SNS record (Sns.Message)");
  }

  private static LifecycleMessage prefix(String where, LifecycleMessage m) {
    // Java 17 has no pattern switch; actions and test notifications pass through unchanged.
    if (m instanceof LifecycleMessage.Malformed x) {
      return new LifecycleMessage.Malformed(where + x.reason());
    }
    if (m instanceof LifecycleMessage.Ignored x) {
      return new LifecycleMessage.Ignored(where + x.reason());
    }
    return m;
  }

  private LifecycleMessage parseText(String text, int depth) {
    return read(text).map(n -> parse(n, depth)).orElseGet(() -> malformed(text));
  }

  private LifecycleMessage parse(JsonNode node, int depth) {
    if (node == null || !node.isObject()) {
      return new LifecycleMessage.Malformed(
          "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    if (node.has("detail-type") && node.has("source")) {
      return eventBridge(node);
    }
    if ("Notification".equals(text(node, "Type")) && node.path("Message").isTextual()) {
      if (depth >= MAX_DEPTH) {
        return new LifecycleMessage.Malformed("SNS envelopes nested deeper than " + MAX_DEPTH);
      }
      return parseText(node.path("Message").asText(), depth + 1);
    }
    String event = text(node, "Event");
    if (TEST_NOTIFICATION.equals(event)) {
      return new LifecycleMessage.TestNotification(Optional.ofNullable(text(node, "AutoScalingGroupName")).orElse(""));
    }
    if (node.has("LifecycleTransition") || node.has("LifecycleActionToken") || node.has("LifecycleHookName")) {
      return action(node, "notification");
    }
    if (event != null) {
      // Auto Scaling's plain notifications (autoscaling:EC2_INSTANCE_LAUNCH and friends).
      return new LifecycleMessage.Ignored("Auto Scaling notification " + event + " is not a lifecycle action");
    }
    return new LifecycleMessage.Malformed("not a lifecycle event or notification; keys: " + keys(node));
  }

  private LifecycleMessage eventBridge(JsonNode node) {
    String source = text(node, "source");
    String detailType = text(node, "detail-type");
    if (!"aws.autoscaling".equals(source)) {
      return new LifecycleMessage.Ignored("EventBridge event from source " + source + " (" + detailType + ")");
    }
    if (!LAUNCH_DETAIL_TYPE.equals(detailType) && !TERMINATE_DETAIL_TYPE.equals(detailType)) {
      return new LifecycleMessage.Ignored("EventBridge detail-type '" + detailType + "' is not a lifecycle action");
    }
    JsonNode detail = node.get("detail");
    if (detail == null || !detail.isObject()) {
      return new LifecycleMessage.Malformed("EventBridge " + detailType + " event without a detail object");
    }
    return action(detail, "eventbridge");
  }

  private LifecycleMessage action(JsonNode n, String source) {
    List<String> missing = new ArrayList<>();
    String group = required(n, "AutoScalingGroupName", missing);
    String hook = required(n, "LifecycleHookName", missing);
    String instance = required(n, "EC2InstanceId", missing);
    String transition = required(n, "LifecycleTransition", missing);
    if (!missing.isEmpty()) {
      return new LifecycleMessage.Malformed(source + " lacks " + String.join(", ", missing));
    }
    LifecycleTransition t;
    try {
      t = LifecycleTransition.fromWire(transition);
    } catch (IllegalArgumentException e) {
      return new LifecycleMessage.Malformed(source + " has unknown LifecycleTransition '" + excerpt(transition) + "'");
    }
    Optional<Location> origin;
    Optional<Location> destination;
    try {
      origin = Optional.ofNullable(text(n, "Origin")).map(Location::fromWire);
      destination = Optional.ofNullable(text(n, "Destination")).map(Location::fromWire);
    } catch (IllegalArgumentException e) {
      return new LifecycleMessage.Malformed(source + " for " + instance + ": " + e.getMessage());
    }
    // NotificationMetadata and the event time are not read: whoever can send an event can write them, so
    // the gate takes its policy from the hook itself and its time from its own clock and LaunchTime.
    return new LifecycleMessage.Action(
        new LifecycleAction(
            group,
            hook,
            Optional.ofNullable(text(n, "LifecycleActionToken")),
            instance,
            t,
            origin,
            destination),
        source);
  }

  private static String required(JsonNode n, String field, List<String> missing) {
    String v = text(n, field);
    if (v == null || v.isBlank()) {
      missing.add(field);
      return null;
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private Optional<JsonNode> read(String payload) {
    if (payload == null || payload.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(json.readTree(payload));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static LifecycleMessage.Malformed malformed(String payload) {
    if (payload == null || payload.isBlank()) {
      return new LifecycleMessage.Malformed("empty payload");
    }
    return new LifecycleMessage.Malformed("not JSON: '" + excerpt(payload) + "'");
  }

  private static String keys(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    while (it.hasNext() && names.size() < 8) {
      names.add(excerpt(it.next()));
    }
    return names.isEmpty() ? "(none)" : String.join(", ", names) + (it.hasNext() ? ", ..." : "");
  }

  /** A short, printable excerpt for log lines: control characters dropped, length capped. */
  static String excerpt(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() <= EXCERPT ? clean : clean.substring(0, EXCERPT) + "...";
  }
}
