package io.warmgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.policy.MetadataParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code "warmgate"} object of a hook's NotificationMetadata with Jackson, flattened to dotted
 * keys as {@link MetadataParser} describes ({@code {"warmgate":{"http":{"port":8080}}}} gives
 * {@code http.port=8080}). Metadata that is not JSON or has no {@code "warmgate"} key gives an empty
 * layer. Thread-safe.
 */
public final class JsonMetadataParser implements MetadataParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ConfigLayer parse(String source, String notificationMetadata) {
    JsonNode root;
    try {
      root = JSON.readTree(notificationMetadata);
    } catch (JsonProcessingException e) {
      // Metadata is free text and often meant for someone else.
      return ConfigLayer.empty(source);
    }
    if (root == null || !root.isObject() || !root.has("warmgate")) {
      return ConfigLayer.empty(source);
    }
    JsonNode settings = root.get("warmgate");
    if (!settings.isObject()) {
      throw new InvalidConfigurationException(source, "warmgate", "must be a JSON object");
    }
    Map<String, String> flat = new LinkedHashMap<>();
    flatten(source, "", settings, flat);
    return ConfigLayer.fromMetadata(source, flat);
  }

  private static void flatten(String source, String prefix, JsonNode node, Map<String, String> out) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      if (value.isObject()) {
        flatten(source, key, value, out);
      } else if (value.isArray()) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
          if (!item.isValueNode() || item.isNull()) {
            throw new InvalidConfigurationException(source, "warmgate." + key, "must be an array of plain values");
          }
          items.add(item.asText());
        }
        out.put(key, String.join(",", items));
      } else {
        out.put(key, value.asText());
      }
    }
  }
}
