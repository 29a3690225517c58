package io.warmgate.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.policy.MetadataParser;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link MetadataParser} on Jackson, for core tests (Jackson is a test-only dependency of the core).
 * It follows the contract the AWS module's parser implements: flatten the {@code "warmgate"} object to
 * dotted keys; metadata that is not JSON or has no {@code "warmgate"} key is an empty layer.
 */
public final class JacksonMetadataParser implements MetadataParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public ConfigLayer parse(String source, String notificationMetadata) {
    JsonNode root;
    try {
      root = MAPPER.readTree(notificationMetadata);
    } catch (JsonProcessingException e) {
      return ConfigLayer.empty(source);
    }
    if (root == null || !root.isObject() || !root.has("warmgate")) {
      return ConfigLayer.empty(source);
    }
    JsonNode warmgate = root.get("warmgate");
    if (!warmgate.isObject()) {
      throw new InvalidConfigurationException(source, "warmgate", "expected an object, got " + warmgate.getNodeType());
    }
    Map<String, String> flat = new TreeMap<>();
    flatten("", warmgate, flat, source);
    return ConfigLayer.fromMetadata(source, flat);
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out, String source) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        flatten(key + ".", v, out, source);
      } else if (v.isArray()) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode item : v) {
          if (!item.isValueNode()) {
            throw new InvalidConfigurationException(source, "warmgate." + key, "expected a list of plain values");
          }
          if (sb.length() > 0) {
            sb.append(',');
          }
          sb.append(item.asText());
        }
        out.put(key, sb.toString());
      } else if (!v.isNull()) {
        out.put(key, v.asText());
      }
    }
  }
}
