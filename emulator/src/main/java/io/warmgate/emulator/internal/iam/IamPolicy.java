package io.warmgate.emulator.internal.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An identity-based IAM policy document: {@code Version} (optional) and {@code Statement}, a list
 * or a single object. Each statement has {@code Effect}, {@code Action} or {@code NotAction},
 * {@code Resource} or {@code NotResource}, and optionally {@code Sid} and {@code Condition}.
 *
 * @param source where the document came from (a file name), for messages
 * @param statements its statements in document order
 */
public record IamPolicy(String source, List<PolicyStatement> statements) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
  private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
      "NotResource", "Condition");

  /** Copies the statements. */
  public IamPolicy {
    Objects.requireNonNull(source, "source");
    statements = List.copyOf(statements);
  }

  /**
   * Parses a policy document.
   *
   * @param json the document
   * @param source its name in messages
   * @throws MalformedPolicyException naming the source and the offending field
   */
  public static IamPolicy parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedPolicyException(source, "document", "is not JSON: "
          + e.getOriginalMessage().replaceAll("\\s+", " "));
    }
    if (root == null || !root.isObject()) {
      throw new MalformedPolicyException(source, "document", "must be a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("Version") && !field.equals("Statement") && !field.equals("Id")) {
        throw new MalformedPolicyException(source, field, "is not a policy field (Version, Id, Statement)");
      }
    }
    JsonNode version = root.get("Version");
    if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
      throw new MalformedPolicyException(source, "Version", "must be 2012-10-17 or 2008-10-17, got " + version);
    }
    JsonNode statement = root.get("Statement");
    if (statement == null) {
      throw new MalformedPolicyException(source, "Statement", "is missing");
    }
    List<PolicyStatement> statements = new ArrayList<>();
    if (statement.isObject()) {
      statements.add(statement(statement, source, "Statement"));
    } else if (statement.isArray() && !statement.isEmpty()) {
      for (int i = 0; i < statement.size(); i++) {
        statements.add(statement(statement.get(i), source, "Statement[" + i + "]"));
      }
    } else {
      throw new MalformedPolicyException(source, "Statement", "must be an object or a non-empty list");
    }
    return new IamPolicy(source, statements);
  }

  private static PolicyStatement statement(JsonNode node, String source, String path) {
    if (!node.isObject()) {
      throw new MalformedPolicyException(source, path, "must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (field.equals("Principal") || field.equals("NotPrincipal")) {
        throw new MalformedPolicyException(source, path + "." + field, "is not allowed in an identity-based policy");
      }
      if (!STATEMENT_FIELDS.contains(field)) {
        throw new MalformedPolicyException(source, path + "." + field, "is not a statement field");
      }
    }
    JsonNode sid = node.get("Sid");
    if (sid != null && !sid.isTextual()) {
      throw new MalformedPolicyException(source, path + ".Sid", "must be a string");
    }
    JsonNode effectNode = node.get("Effect");
    Effect effect;
    if (effectNode == null) {
      throw new MalformedPolicyException(source, path + ".Effect", "is missing");
    } else if ("Allow".equals(effectNode.asText(null)) && effectNode.isTextual()) {
      effect = Effect.ALLOW;
    } else if ("Deny".equals(effectNode.asText(null)) && effectNode.isTextual()) {
      effect = Effect.DENY;
    } else {
      throw new MalformedPolicyException(source, path + ".Effect", "must be Allow or Deny, got " + effectNode);
    }
    boolean notAction = exactlyOne(node, source, path, "Action", "NotAction");
    String actionField = notAction ? "NotAction" : "Action";
    List<String> actions = strings(node.get(actionField), source, path + "." + actionField);
    for (String action : actions) {
      if (!action.equals("*") && !action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
        throw new MalformedPolicyException(source, path + "." + actionField, "has '" + action + "', not service:Action or *");
      }
    }
    boolean notResource = exactlyOne(node, source, path, "Resource", "NotResource");
    String resourceField = notResource ? "NotResource" : "Resource";
    List<String> resources = strings(node.get(resourceField), source, path + "." + resourceField);
    for (String resource : resources) {
      if (!resource.equals("*") && !resource.startsWith("arn:")) {
        throw new MalformedPolicyException(source, path + "." + resourceField, "has '" + resource + "', not an ARN or *");
      }
    }
    List<PolicyCondition> conditions = conditions(node.get("Condition"), source, path + ".Condition");
    return new PolicyStatement(sid == null ? null : sid.asText(), effect, actions, notAction, resources, notResource,
        conditions);
  }

  private static boolean exactlyOne(JsonNode node, String source, String path, String field, String negated) {
    boolean plain = node.has(field);
    boolean not = node.has(negated);
    if (plain == not) {
      throw new MalformedPolicyException(source, path + "." + field, plain ? "and " + negated + " exclude each other"
          : "is missing (give " + field + " or " + negated + ")");
    }
    return not;
  }

  private static List<String> strings(JsonNode node, String source, String path) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isArray() && !node.isEmpty()) {
      for (JsonNode item : node) {
        if (!item.isTextual()) {
          throw new MalformedPolicyException(source, path, "must hold strings only, got " + item);
        }
        out.add(item.asText());
      }
    } else {
      throw new MalformedPolicyException(source, path, "must be a string or a non-empty list of strings, got " + node);
    }
    return out;
  }

  private static List<PolicyCondition> conditions(JsonNode node, String source, String path) {
    List<PolicyCondition> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      throw new MalformedPolicyException(source, path, "must be an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext(); ) {
      Map.Entry<String, JsonNode> op = ops.next();
      String name = op.getKey();
      boolean ifExists = name.endsWith("IfExists");
      String operator = ifExists ? name.substring(0, name.length() - "IfExists".length()) : name;
      if (!PolicyCondition.OPERATORS.contains(operator)) {
        throw new MalformedPolicyException(source, path + "." + name, "is not a supported condition operator "
            + PolicyCondition.OPERATORS);
      }
      if (!op.getValue().isObject() || op.getValue().isEmpty()) {
        throw new MalformedPolicyException(source, path + "." + name, "must map condition keys to values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
        Map.Entry<String, JsonNode> key = keys.next();
        String field = path + "." + name + "." + key.getKey();
        JsonNode values = key.getValue();
        List<String> texts = new ArrayList<>();
        for (JsonNode v : values.isArray() ? values : List.of(values)) {
          if (!v.isValueNode() || v.isNull()) {
            throw new MalformedPolicyException(source, field, "must be a value or a list of values, got " + v);
          }
          texts.add(v.asText());
        }
        if (texts.isEmpty()) {
          throw new MalformedPolicyException(source, field, "has no values");
        }
        out.add(new PolicyCondition(operator, ifExists, key.getKey().toLowerCase(Locale.ROOT), texts));
      }
    }
    return out;
  }
}
