package io.warmgate.core.testing;

import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.policy.MetadataParser;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link MetadataParser} for core tests, with no JSON (the core has no JSON library, not even in its
 * tests): metadata {@code "warmgate http.port=80 consecutive=2"} carries those dotted settings, and
 * anything that does not start with the word {@code warmgate} carries none, as metadata meant for someone
 * else does in production. The real parser, JSON included, is tested in the aws module.
 */
public final class FlatMetadataParser implements MetadataParser {

  @Override
  public ConfigLayer parse(String source, String notificationMetadata) {
    String[] words = notificationMetadata == null ? new String[0] : notificationMetadata.trim().split("\\s+");
    if (words.length == 0 || !words[0].equals("warmgate")) {
      return ConfigLayer.empty(source);
    }
    Map<String, String> flat = new TreeMap<>();
    for (int i = 1; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("test metadata wants key=value words, got '" + words[i] + "'");
      }
      flat.put(words[i].substring(0, eq), words[i].substring(eq + 1));
    }
    return ConfigLayer.fromMetadata(source, flat);
  }
}
