package io.warmgate.emulator.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds one EC2 launch template: its versions (numbered from 1, never renumbered, at most
 * {@link #MAX_VERSIONS}), which of them is the default, and the tags on the template itself.
 * Guarded by the engine lock.
 */
public final class LaunchTemplate {
  /** The most versions a launch template may have, as EC2's quota. */
  static final int MAX_VERSIONS = 10_000;

  public final String id;
  public final String name;
  public final Instant createTime;
  /** Tags on the launch template itself; {@code warmgate:*} tags select the boot profile. */
  final Map<String, String> tags;
  final List<Version> versions = new ArrayList<>();
  int defaultVersion = 1;
  int latestVersion;

  /**
   * One version of a launch template, with the data the emulator reads from it.
   *
   * @param number the version number
   * @param createTime when it was created
   * @param description VersionDescription, or null
   * @param data what instances launched from it get
   */
  public record Version(int number, Instant createTime, String description, TemplateData data) { }

  LaunchTemplate(String id, String name, Instant createTime, TemplateData first, String description,
      Map<String, String> tags) {
    this.id = id;
    this.name = name;
    this.createTime = createTime;
    this.tags = new LinkedHashMap<>(tags);
    add(createTime, description, first);
  }

  /** Appends a version numbered one past the latest and returns it. */
  Version add(Instant at, String description, TemplateData data) {
    Version v = new Version(++latestVersion, at, description, data);
    versions.add(v);
    return v;
  }

  /** Returns the tags on the template itself. */
  public Map<String, String> tags() {
    return Collections.unmodifiableMap(tags);
  }

  /** Returns the default version's number. */
  public int defaultVersion() {
    return defaultVersion;
  }

  /** Returns the latest version's number. */
  public int latestVersion() {
    return latestVersion;
  }

  /** Returns the versions, oldest first. */
  public List<Version> versions() {
    return Collections.unmodifiableList(versions);
  }

  /** Returns version {@code number}, or null if it does not exist (or was never made). */
  public Version version(long number) {
    for (Version v : versions) {
      if (v.number() == number) {
        return v;
      }
    }
    return null;
  }

  /**
   * Resolves a version as a group or a request names it: null and {@code $Default} are the default version,
   * {@code $Latest} the latest, a number that version; null if there is no such version.
   */
  public Version resolve(String version) {
    if (version == null || version.equals("$Default")) {
      return version(defaultVersion);
    }
    if (version.equals("$Latest")) {
      return version(latestVersion);
    }
    if (!version.matches("[0-9]{1,18}")) {
      return null;
    }
    return version(Long.parseLong(version));
  }

  /** Returns a setting from the template tags, falling back to the version's instance tags. */
  public String setting(Version version, String key) {
    String value = tags.get(key);
    return value != null ? value : version.data().instanceTags().get(key);
  }
}
