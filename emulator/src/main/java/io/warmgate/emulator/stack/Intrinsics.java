package io.warmgate.emulator.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the CloudFormation intrinsics of a template for one local deployment: pseudo parameters, the
 * template's parameters (a given value, else a plain {@code String}/{@code Number} default), {@code Ref} and
 * {@code Fn::GetAtt} of the resources the replay created (their real local ids and attributes), and the
 * functions over them ({@code Fn::Join}, {@code Fn::Sub}, {@code Fn::Select}, {@code Fn::Split},
 * {@code Fn::Base64}). Anything else, such as a {@code Ref} to a resource the emulator does not model, an SSM
 * parameter without a given value or a condition, is refused with an error naming it: never guessed.
 * Thread-safe.
 */
public final class Intrinsics {

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final String stackName;
  private final String region;
  private final String account;
  private final JsonNode parameterDeclarations;
  private final Map<String, String> parameterValues;
  private final Map<String, String> refs = new ConcurrentHashMap<>();
  private final Map<String, String> attributes = new ConcurrentHashMap<>();
  private final Map<String, String> notModeled = new ConcurrentHashMap<>();

  /**
   * Creates a resolver.
   *
   * @param stackName the stack's name
   * @param region the region
   * @param account the account id
   * @param parameterDeclarations the template's {@code Parameters} section (may be missing)
   * @param parameterValues values given for parameters, by name
   */
  public Intrinsics(String stackName, String region, String account, JsonNode parameterDeclarations,
      Map<String, String> parameterValues) {
    this.stackName = Objects.requireNonNull(stackName, "stackName");
    this.region = Objects.requireNonNull(region, "region");
    this.account = Objects.requireNonNull(account, "account");
    this.parameterDeclarations = Objects.requireNonNull(parameterDeclarations, "parameterDeclarations");
    this.parameterValues = Map.copyOf(parameterValues);
  }

  /** Records what {@code Ref logicalId} resolves to, once the resource exists locally. */
  public void defineRef(String logicalId, String value) {
    refs.put(logicalId, value);
  }

  /**
   * Records a resource the replay does not model: its {@code Ref} and every {@code Fn::GetAtt} of it resolve to
   * {@code arn}, an ARN that names it as such (so a policy statement on it still parses, and grants nothing real).
   */
  public void defineNotModeled(String logicalId, String arn) {
    refs.put(logicalId, arn);
    notModeled.put(logicalId, arn);
  }

  /** Records what {@code Fn::GetAtt [logicalId, attribute]} resolves to. */
  public void defineAttribute(String logicalId, String attribute, String value) {
    attributes.put(logicalId + "." + attribute, value);
  }

  /** The node with every intrinsic in it replaced by its value. */
  public JsonNode resolve(JsonNode node) {
    if (isIntrinsic(node)) {
      return TextNode.valueOf(text(node));
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(f -> out.set(f.getKey(), resolve(f.getValue())));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(resolve(item)));
      return out;
    }
    return node;
  }

  /**
   * The text a scalar or an intrinsic evaluates to.
   *
   * @throws UnresolvableIntrinsicException naming the intrinsic if it cannot be resolved locally
   */
  public String text(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new UnresolvableIntrinsicException("a required value is missing");
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    if (!isIntrinsic(node)) {
      throw new UnresolvableIntrinsicException("expected a value, found " + excerpt(node));
    }
    String fn = node.fieldNames().next();
    JsonNode arg = node.get(fn);
    switch (fn) {
      case "Ref":
        return ref(arg.asText());
      case "Fn::GetAtt": {
        List<String> parts = arg.isTextual() ? List.of(arg.asText().split("\\.", 2))
            : List.of(arg.path(0).asText(), arg.path(1).asText());
        return attribute(parts.get(0), parts.size() > 1 ? parts.get(1) : "");
      }
      case "Fn::Join": {
        StringBuilder sb = new StringBuilder();
        String separator = arg.path(0).asText();
        JsonNode parts = arg.path(1);
        for (int i = 0; i < parts.size(); i++) {
          sb.append(i == 0 ? "" : separator).append(text(parts.get(i)));
        }
        return sb.toString();
      }
      case "Fn::Sub":
        return sub(arg.isTextual() ? arg.asText() : arg.path(0).asText(), arg.isArray() ? arg.path(1) : null);
      case "Fn::Select": {
        int index = Integer.parseInt(text(arg.path(0)));
        List<String> list = list(arg.path(1));
        if (index < 0 || index >= list.size()) {
          throw new UnresolvableIntrinsicException("Fn::Select index " + index + " is outside " + list);
        }
        return list.get(index);
      }
      case "Fn::Base64":
        return Base64.getEncoder().encodeToString(text(arg).getBytes(StandardCharsets.UTF_8));
      default:
        throw new UnresolvableIntrinsicException(fn + " is not resolved locally: " + excerpt(node));
    }
  }

  /** An integer value. */
  public int integer(JsonNode node) {
    String text = text(node);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected an integer, found " + text);
    }
  }

  /** True if the node is a Ref or GetAtt of {@code logicalId}. */
  public static boolean refersTo(JsonNode node, String logicalId) {
    return node.path("Ref").asText("").equals(logicalId)
        || node.path("Fn::GetAtt").path(0).asText("").equals(logicalId)
        || node.path("Fn::GetAtt").asText("").startsWith(logicalId + ".");
  }

  private List<String> list(JsonNode node) {
    if (node.isArray()) {
      return java.util.stream.StreamSupport.stream(node.spliterator(), false).map(this::text).toList();
    }
    if (node.has("Fn::Split")) {
      JsonNode arg = node.get("Fn::Split");
      return List.of(text(arg.path(1)).split(Pattern.quote(arg.path(0).asText()), -1));
    }
    throw new UnresolvableIntrinsicException("expected a list, found " + excerpt(node));
  }

  private String ref(String name) {
    switch (name) {
      case "AWS::Partition":
        return "aws";
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return account;
      case "AWS::StackName":
        return stackName;
      case "AWS::StackId":
        return "arn:aws:cloudformation:" + region + ":" + account + ":stack/" + stackName + "/local";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      case "AWS::NoValue":
        throw new UnresolvableIntrinsicException("Ref AWS::NoValue is not resolved locally");
      default:
        break;
    }
    String value = refs.get(name);
    if (value != null) {
      return value;
    }
    if (parameterDeclarations.has(name)) {
      return parameter(name);
    }
    throw new UnresolvableIntrinsicException("Ref " + name + ": the replay created no such resource"
        + " (the emulator does not model it, or it comes later in the dependency order)");
  }

  private String parameter(String name) {
    String given = parameterValues.get(name);
    if (given != null) {
      return given;
    }
    JsonNode declaration = parameterDeclarations.get(name);
    String type = declaration.path("Type").asText("String");
    if (declaration.has("Default") && (type.equals("String") || type.equals("Number"))) {
      return declaration.get("Default").asText();
    }
    throw new UnresolvableIntrinsicException("Ref " + name + ": parameter of type " + type
        + (declaration.has("Default") ? " (default " + declaration.get("Default").asText() + ")" : "")
        + " needs a value given locally, e.g. --parameter " + name + "=VALUE");
  }

  private String attribute(String logicalId, String attribute) {
    String value = attributes.get(logicalId + "." + attribute);
    if (value == null) {
      value = notModeled.get(logicalId);
    }
    if (value == null) {
      throw new UnresolvableIntrinsicException("Fn::GetAtt " + logicalId + "." + attribute
          + ": the replay created no such resource or attribute");
    }
    return value;
  }

  private String sub(String template, JsonNode variables) {
    Matcher m = SUB_VARIABLE.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value;
      if (variables != null && variables.has(name)) {
        value = text(variables.get(name));
      } else if (name.contains(".")) {
        String[] parts = name.split("\\.", 2);
        value = attribute(parts[0], parts[1]);
      } else {
        value = ref(name);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString().replace("${!", "${");
  }

  private static boolean isIntrinsic(JsonNode node) {
    if (!node.isObject() || node.size() != 1) {
      return false;
    }
    String key = node.fieldNames().next();
    return key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition");
  }

  private static String excerpt(JsonNode node) {
    String s = node.toString();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
