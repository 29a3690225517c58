package io.warmgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Deploys a template's parameters as CloudFormation does, before anything else reads the template: each value
 * given or defaulted and checked against its constraints, the rules' assertions checked, the conditions
 * evaluated, then a template without parameters returned: resources and outputs whose condition is false
 * dropped, {@code Fn::If} replaced by the chosen branch, {@code AWS::NoValue} removed, {@code Ref} to a
 * parameter replaced by its value, {@code Fn::FindInMap} of known keys looked up in the template's mappings,
 * {@code Fn::Split}, {@code Fn::Select}, {@code Fn::Join} and {@code Fn::Sub} of known text evaluated. What needs a deployed stack (pseudo parameters, other resources) is left for the
 * replay ({@link io.warmgate.emulator.stack.Intrinsics}).
 */
final class TemplateParameters {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String NO_VALUE = "AWS::NoValue";

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, Boolean> conditions = new HashMap<>();
  private final JsonNode conditionDefinitions;
  private final JsonNode mappings;

  private TemplateParameters(JsonNode template, Map<String, String> given) {
    JsonNode parameters = template.path("Parameters");
    for (String name : given.keySet()) {
      if (!parameters.has(name)) {
        throw new IllegalArgumentException("the template has no parameter " + name);
      }
    }
    parameters.fields().forEachRemaining(p -> values.put(p.getKey(), value(p.getKey(), p.getValue(), given.get(p.getKey()))));
    this.conditionDefinitions = template.path("Conditions");
    this.mappings = template.path("Mappings");
    conditionDefinitions.fieldNames().forEachRemaining(this::condition);
  }

  /**
   * The template as deployed with {@code given} parameter values (the others at their defaults).
   *
   * @throws IllegalArgumentException if a value is missing, breaks its parameter's constraints or a rule
   */
  static JsonNode resolve(JsonNode template, Map<String, String> given) {
    TemplateParameters deployment = new TemplateParameters(template, given);
    deployment.checkRules(template.path("Rules"));
    ObjectNode out = NODES.objectNode();
    template.fields().forEachRemaining(section -> {
      switch (section.getKey()) {
        case "Parameters", "Conditions", "Rules" -> { }
        case "Resources", "Outputs" -> {
          ObjectNode kept = out.putObject(section.getKey());
          section.getValue().fields().forEachRemaining(entry -> {
            JsonNode condition = entry.getValue().path("Condition");
            if (condition.isMissingNode() || deployment.condition(condition.asText())) {
              ObjectNode item = (ObjectNode) deployment.substitute(entry.getValue());
              item.remove("Condition");
              kept.set(entry.getKey(), item);
            }
          });
        }
        default -> out.set(section.getKey(), section.getValue().deepCopy());
      }
    });
    return out;
  }

  private static String value(String name, JsonNode parameter, String given) {
    String value = given != null ? given : parameter.has("Default") ? parameter.get("Default").asText() : null;
    if (value == null) {
      throw new IllegalArgumentException("parameter " + name + " has no value and no default");
    }
    List<String> allowed = new ArrayList<>();
    parameter.path("AllowedValues").forEach(v -> allowed.add(v.asText()));
    if (!allowed.isEmpty() && !allowed.contains(value)) {
      throw new IllegalArgumentException("parameter " + name + " must be one of " + allowed + ", got '" + value + "'");
    }
    if (parameter.has("AllowedPattern") && !Pattern.compile(parameter.get("AllowedPattern").asText()).matcher(value).matches()) {
      throw new IllegalArgumentException("parameter " + name + " must match " + parameter.get("AllowedPattern").asText()
          + ", got '" + value + "'");
    }
    if (parameter.has("MinLength") && value.length() < parameter.get("MinLength").asInt()
        || parameter.has("MaxLength") && value.length() > parameter.get("MaxLength").asInt()) {
      throw new IllegalArgumentException("parameter " + name + " has the wrong length: '" + value + "'");
    }
    if (parameter.path("Type").asText().equals("Number")) {
      BigDecimal number;
      try {
        number = new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("parameter " + name + " must be a number, got '" + value + "'", e);
      }
      if (parameter.has("MinValue") && number.compareTo(parameter.get("MinValue").decimalValue()) < 0
          || parameter.has("MaxValue") && number.compareTo(parameter.get("MaxValue").decimalValue()) > 0) {
        throw new IllegalArgumentException("parameter " + name + " is out of range: " + value);
      }
    }
    return value;
  }

  private boolean condition(String name) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    JsonNode definition = conditionDefinitions.get(name);
    if (definition == null) {
      throw new IllegalArgumentException("no condition " + name);
    }
    boolean value = truth(definition);
    conditions.put(name, value);
    return value;
  }

  /** Evaluates a condition function (also a rule's condition or assertion). */
  private boolean truth(JsonNode node) {
    if (node.has("Condition")) {
      return condition(node.get("Condition").asText());
    }
    String function = node.fieldNames().next();
    JsonNode args = node.get(function);
    return switch (function) {
      case "Fn::Equals" -> text(args.get(0)).equals(text(args.get(1)));
      case "Fn::Not" -> !truth(args.get(0));
      case "Fn::And" -> {
        boolean all = true;
        for (JsonNode a : args) {
          all &= truth(a);
        }
        yield all;
      }
      case "Fn::Or" -> {
        boolean any = false;
        for (JsonNode a : args) {
          any |= truth(a);
        }
        yield any;
      }
      default -> throw new IllegalArgumentException("unsupported condition function " + function);
    };
  }

  private void checkRules(JsonNode rules) {
    rules.fields().forEachRemaining(rule -> {
      JsonNode when = rule.getValue().path("RuleCondition");
      if (when.isMissingNode() || truth(when)) {
        for (JsonNode assertion : rule.getValue().path("Assertions")) {
          if (!truth(assertion.get("Assert"))) {
            throw new IllegalArgumentException("rule " + rule.getKey() + " fails: " + assertion.path("AssertDescription").asText());
          }
        }
      }
    });
  }

  /** A scalar's text, with a parameter's {@code Ref} replaced by its value. */
  private String text(JsonNode node) {
    JsonNode resolved = substitute(node);
    if (!resolved.isValueNode()) {
      throw new IllegalArgumentException("not a value known before deployment: " + node);
    }
    return resolved.asText();
  }

  /** The node with parameters, conditions and the functions of known text evaluated; null for AWS::NoValue. */
  private JsonNode substitute(JsonNode node) {
    if (node.isObject() && node.size() == 1) {
      String key = node.fieldNames().next();
      JsonNode arg = node.get(key);
      switch (key) {
        case "Ref" -> {
          if (arg.asText().equals(NO_VALUE)) {
            return null;
          }
          if (values.containsKey(arg.asText())) {
            return TextNode.valueOf(values.get(arg.asText()));
          }
          return node.deepCopy();
        }
        case "Fn::If" -> {
          return substitute(condition(arg.get(0).asText()) ? arg.get(1) : arg.get(2));
        }
        case "Fn::FindInMap" -> {
          JsonNode keys = substitute(arg);
          if (keys.size() == 3 && keys.get(0).isValueNode() && keys.get(1).isValueNode() && keys.get(2).isValueNode()) {
            JsonNode found = mappings.path(keys.get(0).asText()).path(keys.get(1).asText()).path(keys.get(2).asText());
            if (found.isMissingNode()) {
              // CloudFormation fails the stack on a key its mapping lacks.
              throw new IllegalArgumentException("mapping " + keys.get(0).asText() + " has no " + keys.get(1).asText()
                  + "." + keys.get(2).asText());
            }
            return found.deepCopy();
          }
          return NODES.objectNode().set(key, keys);
        }
        case "Fn::Split" -> {
          JsonNode source = substitute(arg.get(1));
          if (source.isTextual()) {
            ArrayNode parts = NODES.arrayNode();
            for (String part : source.asText().split(Pattern.quote(arg.get(0).asText()), -1)) {
              parts.add(part);
            }
            return parts;
          }
          return NODES.objectNode().set(key, NODES.arrayNode().add(arg.get(0)).add(source));
        }
        case "Fn::Select" -> {
          JsonNode list = substitute(arg.get(1));
          if (list.isArray()) {
            return list.get(Integer.parseInt(text(arg.get(0))));
          }
          return NODES.objectNode().set(key, NODES.arrayNode().add(arg.get(0)).add(list));
        }
        case "Fn::Sub" -> {
          if (arg.isTextual()) {
            String text = arg.asText();
            for (Map.Entry<String, String> v : values.entrySet()) {
              text = text.replace("${" + v.getKey() + "}", v.getValue());
            }
            return text.contains("${") ? NODES.objectNode().put(key, text) : TextNode.valueOf(text);
          }
        }
        case "Fn::Join" -> {
          JsonNode parts = substitute(arg.get(1));
          StringBuilder text = new StringBuilder();
          for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).isValueNode()) {
              return NODES.objectNode().set(key, NODES.arrayNode().add(arg.get(0)).add(parts));
            }
            text.append(i == 0 ? "" : arg.get(0).asText()).append(parts.get(i).asText());
          }
          return TextNode.valueOf(text.toString());
        }
        default -> { }
      }
    }
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode v = substitute(f.getValue());
        if (v != null) {
          out.set(f.getKey(), v);
        }
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode item : node) {
        JsonNode v = substitute(item);
        if (v != null) {
          out.add(v);
        }
      }
      return out;
    }
    return node.deepCopy();
  }
}
