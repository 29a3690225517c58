package io.warmgate.emulator.internal.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Holds one EC2 launch template (a single version) and the settings the emulator reads from it. */
public final class LaunchTemplate {
  public final String id;
  public final String name;
  public final Instant createTime;
  public final String imageId;
  public final String instanceType;
  /** Tags on the launch template itself; {@code warmgate:*} tags select the boot profile. */
  final Map<String, String> tags;
  /** Tags the template puts on each instance it launches. */
  final Map<String, String> instanceTags;

  LaunchTemplate(String id, String name, Instant createTime, String imageId, String instanceType,
      Map<String, String> tags, Map<String, String> instanceTags) {
    this.id = id;
    this.name = name;
    this.createTime = createTime;
    this.imageId = imageId;
    this.instanceType = instanceType;
    this.tags = new LinkedHashMap<>(tags);
    this.instanceTags = new LinkedHashMap<>(instanceTags);
  }

  /** Returns the tags on the template itself. */
  public Map<String, String> tags() {
    return Collections.unmodifiableMap(tags);
  }

  /** Returns a setting from the template tags, falling back to the instance tags. */
  public String setting(String key) {
    String value = tags.get(key);
    return value != null ? value : instanceTags.get(key);
  }
}
