package io.warmgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * Resolves the CloudFormation intrinsics the warmgate templates use in what the suite reads:
 * {@code Ref} (pseudo parameters, the stack's groups by their physical names, other resources by
 * logical id), {@code Fn::GetAtt ... Arn} (a made-up ARN naming the logical id), {@code Fn::Join}
 * and {@code Fn::Sub} with pseudo parameters. Anything else is an error, never guessed.
 */
final class Intrinsics {

  private final String stackName;
  private final String region;
  private final String account;
  private final Map<String, String> physicalNames;

  Intrinsics(String stackName, String region, String account, Map<String, String> physicalNames) {
    this.stackName = stackName;
    this.region = region;
    this.account = account;
    this.physicalNames = Map.copyOf(physicalNames);
  }

  /** The node with every intrinsic in it replaced by its value. */
  JsonNode resolve(JsonNode node) {
    if (node.isObject() && node.size() == 1) {
      String key = node.fieldNames().next();
      if (key.equals("Ref") || key.startsWith("Fn::")) {
        return TextNode.valueOf(text(node));
      }
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

  /** The text a scalar or an intrinsic evaluates to. */
  String text(JsonNode node) {
    if (node.isValueNode()) {
      return node.asText();
    }
    if (node.has("Ref")) {
      String ref = node.get("Ref").asText();
      return switch (ref) {
        case "AWS::Partition" -> "aws";
        case "AWS::Region" -> region;
        case "AWS::AccountId" -> account;
        case "AWS::StackName" -> stackName;
        case "AWS::URLSuffix" -> "amazonaws.com";
        default -> physicalNames.getOrDefault(ref, ref);
      };
    }
    if (node.has("Fn::GetAtt") && node.get("Fn::GetAtt").path(1).asText().equals("Arn")) {
      return "arn:aws:cloudformation:" + region + ":" + account + ":resource/" + node.get("Fn::GetAtt").path(0).asText();
    }
    if (node.has("Fn::Join")) {
      StringBuilder sb = new StringBuilder();
      String separator = node.get("Fn::Join").path(0).asText();
      JsonNode parts = node.get("Fn::Join").path(1);
      for (int i = 0; i < parts.size(); i++) {
        sb.append(i == 0 ? "" : separator).append(text(parts.get(i)));
      }
      return sb.toString();
    }
    if (node.has("Fn::Sub") && node.get("Fn::Sub").isTextual()) {
      return node.get("Fn::Sub").asText().replace("${AWS::Region}", region).replace("${AWS::AccountId}", account)
          .replace("${AWS::Partition}", "aws")
          .replace("${AWS::StackName}", stackName);
    }
    throw new IllegalArgumentException("cannot resolve " + node);
  }

  int integer(JsonNode node) {
    return Integer.parseInt(text(node));
  }

  /** True if the node is a Ref or GetAtt of {@code logicalId}. */
  boolean refersTo(JsonNode node, String logicalId) {
    return node.path("Ref").asText("").equals(logicalId) || node.path("Fn::GetAtt").path(0).asText("").equals(logicalId);
  }
}
