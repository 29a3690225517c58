package io.warmgate.aws.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.policy.MetadataParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads warmgate's settings from the {@code "warmgate"} object of a hook's NotificationMetadata with
 * Jackson, flattened to dotted keys: {@code {"warmgate":{"http":{"port":80}}}} gives {@code
 * http.port=80}.
 *
 * <p>Numbers and booleans keep their JSON text, arrays of scalars are joined with commas, nulls are
 * skipped. Metadata that is not JSON, not an object, or has no {@code "warmgate"} key gives an empty
 * layer (hooks often carry metadata meant for someone else). A {@code "warmgate"} value that is not an
 * object, or a value inside it that is neither a scalar nor an array of scalars, is an {@link
 * InvalidConfigurationException} naming the field. Thread-safe.
 */
public final class JacksonMetadataParser implements MetadataParser {

  private static final String ROOT = "warmgate";

  private final ObjectMapper json;

  /** Uses a plain Jackson mapper. */
  public JacksonMetadataParser() {
    this(new ObjectMapper());
  }

  /** Uses the given mapper. */
  public JacksonMetadataParser(ObjectMapper json) {
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public ConfigLayer parse(String source, String notificationMetadata) {
    Objects.requireNonNull(source, "source");
    if (notificationMetadata == null || notificationMetadata.isBlank()) {
      return ConfigLayer.empty(source);
    }
    JsonNode root;
    try {
      root = json.readTree(notificationMetadata);
    } catch (JsonProcessingException e) {
      return ConfigLayer.empty(source);
    }
    if (root == null || !root.isObject() || !root.has(ROOT)) {
      return ConfigLayer.empty(source);
    }
    JsonNode settings = root.get(ROOT);
    if (!settings.isObject()) {
      throw new InvalidConfigurationException(source, ROOT, "must be a JSON object, got " + kind(settings));
    }
    Map<String, String> flat = new TreeMap<>();
    flatten("", settings, flat, source);
    return ConfigLayer.fromMetadata(source, flat);
  }

  private static void flatten(String prefix, JsonNode object, Map<String, String> out, String source) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
      JsonNode v = f.getValue();
      if (v.isNull()) {
        continue;
      }
      if (v.isObject()) {
        flatten(key, v, out, source);
      } else if (v.isArray()) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : v) {
          if (!item.isValueNode() || item.isNull()) {
            throw new InvalidConfigurationException(
                source, ROOT + "." + key, "arrays may hold only strings, numbers and booleans, got " + kind(item));
          }
          items.add(item.asText());
        }
        out.put(key, String.join(",", items));
      } else if (v.isValueNode()) {
        out.put(key, v.asText());
      } else {
        throw new InvalidConfigurationException(source, ROOT + "." + key, "unsupported value " + kind(v));
      }
    }
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
