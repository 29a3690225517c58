package io.warmgate.emulator.internal.http;

import static io.warmgate.emulator.internal.http.JsonBodies.parse;
import static io.warmgate.emulator.internal.http.JsonBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.sqs.QueueMessage;
import io.warmgate.emulator.internal.sqs.Queues;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers SQS in its JSON protocol ({@code X-Amz-Target: AmazonSQS.<Action>}, {@code application/x-amz-json-1.0}):
 * CreateQueue, GetQueueUrl, GetQueueAttributes, SendMessage, ReceiveMessage, DeleteMessage and
 * ChangeMessageVisibility, on standard queues. An error is {@code {"__type":"com.amazonaws.sqs#<Shape>",
 * "message":...}} with the query error code in {@code x-amzn-query-error}, which SDKs read as the error code
 * (docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-api-responses.html). A queue URL is
 * {@code http://HOST/ACCOUNT/NAME}, HOST being how the client reached the emulator.
 */
final class SqsApi extends BaseService {
  /** The prefix of every SQS {@code X-Amz-Target}. */
  static final String TARGET_PREFIX = "AmazonSQS.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  /** The header that carries the query error code and fault side. */
  static final String QUERY_ERROR = "x-amzn-query-error";
  private static final Set<String> ACTIONS = Set.of("CreateQueue", "GetQueueUrl", "GetQueueAttributes", "SendMessage",
      "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility");
  // The error shapes of the SQS model, by the query code they are sent under.
  private static final Map<String, String> SHAPES = Map.of(
      "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist",
      "AWS.SimpleQueueService.MessageNotInflight", "MessageNotInflight",
      "AWS.SimpleQueueService.UnsupportedOperation", "UnsupportedOperation",
      "QueueAlreadyExists", "QueueNameExists");
  private static final Set<String> SYSTEM_ATTRIBUTES = Set.of("All", "SenderId", "SentTimestamp",
      "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp");

  private static final Protocol PROTOCOL = new Protocol.Json(TARGET_PREFIX, CONTENT_TYPE);
  // SQS's throttling code (which SDKs retry) and its query-protocol denial, HTTP 403 AccessDenied.
  private static final Failures FAILURES = new Failures(400, "RequestThrottled", "Rate exceeded", "InternalFailure",
      403, "AccessDenied");

  private final ObjectMapper json = new ObjectMapper();
  private final Queues queues;

  SqsApi(Queues queues) {
    super("sqs", PROTOCOL, FAILURES);
    this.queues = queues;
  }

  @Override
  public Set<String> actions() {
    return ACTIONS;
  }

  /** Answers at once; a long poll blocks the caller until it ends, so the router uses {@link #handleLater}. */
  @Override
  public String handle(ApiCall call) {
    return handleLater(call).join();
  }

  @Override
  public List<String> resources(ApiCall call) {
    return List.of(resource(call.body()));
  }

  @Override
  public String error(ApiException e, String requestId) {
    return error(e);
  }

  @Override
  public Map<String, String> errorHeaders(ApiException e) {
    return Map.of(QUERY_ERROR, queryError(e));
  }

  /**
   * Handles one action's JSON body; a long poll completes later.
   *
   * @throws ApiException for a request SQS would refuse
   */
  @Override
  public CompletableFuture<String> handleLater(ApiCall call) {
    String action = call.action();
    String body = call.body();
    String host = call.host();
    if (!ACTIONS.contains(action)) {
      throw new ApiException(400, "InvalidAction", "The action " + Check.echo(action) + " is not valid for this"
          + " endpoint.");
    }
    JsonNode in = parse(body);
    ObjectNode out = json.createObjectNode();
    switch (action) {
      case "CreateQueue" -> {
        String name = queues.create(text(in, "QueueName"), stringMap(in, "Attributes"));
        out.put("QueueUrl", url(host, name));
      }
      case "GetQueueUrl" -> {
        String name = text(in, "QueueName");
        String owner = text(in, "QueueOwnerAWSAccountId");
        if (name == null || !queues.exists(name) || owner != null && !owner.equals(queues.accountId())) {
          throw new ApiException(400, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not"
              + " exist.");
        }
        out.put("QueueUrl", url(host, name));
      }
      case "GetQueueAttributes" -> {
        Map<String, String> all = queues.attributes(queueName(in));
        List<String> names = strings(in, "AttributeNames");
        ObjectNode attributes = json.createObjectNode();
        for (String n : names) {
          if (!n.equals("All") && !all.containsKey(n)) {
            throw new ApiException(400, "InvalidAttributeName", "Unknown Attribute " + Check.echo(n) + ".");
          }
        }
        all.forEach((k, v) -> {
          if (names.contains("All") || names.contains(k)) {
            attributes.put(k, v);
          }
        });
        if (!attributes.isEmpty()) {
          out.set("Attributes", attributes);
        }
      }
      case "SendMessage" -> {
        if (in.hasNonNull("MessageAttributes") || in.hasNonNull("MessageSystemAttributes")) {
          // Their MD5 is checked by SDKs; the emulator does not keep them rather than answer wrongly.
          throw new ApiException(400, "AWS.SimpleQueueService.UnsupportedOperation", "Message attributes are not"
              + " modelled by the emulator.");
        }
        String[] sent = queues.send(queueName(in), text(in, "MessageBody"), integer(in, "DelaySeconds"));
        out.put("MessageId", sent[0]);
        out.put("MD5OfMessageBody", sent[1]);
      }
      case "ReceiveMessage" -> {
        List<String> wanted = strings(in, "MessageSystemAttributeNames");
        if (wanted.isEmpty()) {
          wanted = strings(in, "AttributeNames");
        }
        for (String n : wanted) {
          if (!SYSTEM_ATTRIBUTES.contains(n)) {
            throw new ApiException(400, "InvalidAttributeName", "Unknown Attribute " + Check.echo(n) + ".");
          }
        }
        List<String> attributes = wanted;
        return queues.receive(queueName(in), integer(in, "MaxNumberOfMessages"), integer(in, "VisibilityTimeout"),
            integer(in, "WaitTimeSeconds")).thenApply(messages -> {
              if (!messages.isEmpty()) {
                ArrayNode list = out.putArray("Messages");
                messages.forEach(m -> write(m, attributes, list.addObject()));
              }
              return out.toString();
            });
      }
      case "DeleteMessage" -> queues.delete(queueName(in), text(in, "ReceiptHandle"));
      case "ChangeMessageVisibility" -> {
        Integer seconds = integer(in, "VisibilityTimeout");
        if (seconds == null) {
          throw new ApiException(400, "MissingParameter", "The request must contain the parameter VisibilityTimeout.");
        }
        queues.changeVisibility(queueName(in), text(in, "ReceiptHandle"), seconds);
      }
      default -> throw new IllegalStateException("unrouted action " + action);
    }
    return CompletableFuture.completedFuture(out.toString());
  }

  /** The queue ARN an action acts on, for IAM; {@code *} when the body names none. */
  String resource(String body) {
    try {
      JsonNode in = parse(body);
      String name = in.hasNonNull("QueueUrl") ? queueName(in) : text(in, "QueueName");
      return name != null ? queues.arnOf(name) : "*";
    } catch (ApiException e) {
      return "*";
    }
  }

  /** Renders an error in SQS's JSON shape. */
  static String error(ApiException e) {
    ObjectNode err = new ObjectMapper().createObjectNode();
    err.put("__type", "com.amazonaws.sqs#" + SHAPES.getOrDefault(e.code(), e.code()));
    err.put("message", e.getMessage());
    return err.toString();
  }

  /** The {@code x-amzn-query-error} value of an error: its query code and whose fault it is. */
  static String queryError(ApiException e) {
    return e.code() + ";" + (e.status() >= 500 ? "Receiver" : "Sender");
  }

  private void write(QueueMessage m, List<String> attributes, ObjectNode o) {
    o.put("MessageId", m.messageId());
    o.put("ReceiptHandle", m.receiptHandle());
    o.put("MD5OfBody", m.md5OfBody());
    o.put("Body", m.body());
    if (attributes.isEmpty()) {
      return;
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put("SenderId", queues.accountId());
    all.put("SentTimestamp", String.valueOf(m.sentAt().toEpochMilli()));
    all.put("ApproximateReceiveCount", String.valueOf(m.receiveCount()));
    all.put("ApproximateFirstReceiveTimestamp", String.valueOf(m.firstReceivedAt().toEpochMilli()));
    ObjectNode a = o.putObject("Attributes");
    all.forEach((k, v) -> {
      if (attributes.contains("All") || attributes.contains(k)) {
        a.put(k, v);
      }
    });
  }

  private String url(String host, String name) {
    return "http://" + (host == null || host.isBlank() ? "127.0.0.1" : host) + "/" + queues.accountId() + "/" + name;
  }

  // The queue a QueueUrl names: its path is /ACCOUNT/NAME; the host is not checked, as clients reach us many ways.
  private String queueName(JsonNode in) {
    String url = text(in, "QueueUrl");
    if (url == null) {
      throw new ApiException(400, "MissingParameter", "The request must contain the parameter QueueUrl.");
    }
    try {
      String[] path = URI.create(url).getPath().split("/");
      if (path.length == 3 && path[1].equals(queues.accountId()) && queues.exists(path[2])) {
        return path[2];
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      // Not a URL: no such queue.
    }
    throw new ApiException(400, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
  }

  private static Integer integer(JsonNode in, String field) {
    JsonNode v = in.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new ApiException(400, "SerializationException", "Field " + field + " must be an integer");
    }
    return v.asInt();
  }

  private static List<String> strings(JsonNode in, String field) {
    JsonNode v = in.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new ApiException(400, "SerializationException", "Field " + field + " must be a list of strings");
    }
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new ApiException(400, "SerializationException", "Field " + field + " must be a list of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  private static Map<String, String> stringMap(JsonNode in, String field) {
    JsonNode v = in.get(field);
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw new ApiException(400, "SerializationException", "Field " + field + " must be a map of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    v.fields().forEachRemaining(f -> {
      if (!f.getValue().isTextual()) {
        throw new ApiException(400, "SerializationException", "Field " + field + " must be a map of strings");
      }
      out.put(f.getKey(), f.getValue().asText());
    });
    return out;
  }
}
