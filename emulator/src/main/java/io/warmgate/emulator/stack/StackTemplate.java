package io.warmgate.emulator.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthesized CloudFormation template as the replay reads it: its resources, their types and properties,
 * and the order CloudFormation would create them in (every resource after those it names through {@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Sub} or {@code DependsOn}). Immutable.
 */
public final class StackTemplate {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUB_NAME = Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z0-9.]+)?}");

  private final String stackName;
  private final JsonNode root;
  private final Map<String, JsonNode> resources;
  private final List<String> order;

  private StackTemplate(String stackName, JsonNode root) {
    this.stackName = stackName;
    this.root = root;
    JsonNode section = root.path("Resources");
    if (!section.isObject() || section.isEmpty()) {
      throw new IllegalArgumentException("the template has no Resources");
    }
    Map<String, JsonNode> r = new LinkedHashMap<>();
    section.fields().forEachRemaining(e -> {
      if (!e.getValue().path("Type").isTextual()) {
        throw new IllegalArgumentException("resource " + e.getKey() + " has no Type");
      }
      r.put(e.getKey(), e.getValue());
    });
    this.resources = java.util.Collections.unmodifiableMap(r);
    this.order = List.copyOf(dependencyOrder());
  }

  /**
   * Reads a template file; the stack's name is the file's name without {@code .template.json} or {@code .json}.
   *
   * @throws IllegalArgumentException if it is not a template with resources, or its dependencies form a cycle
   */
  public static StackTemplate read(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.getFileName().toString().replaceFirst("(\\.template)?\\.json$", "");
    try {
      return of(name, JSON.readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the template " + file, e);
    }
  }

  /** A template already parsed. */
  public static StackTemplate of(String stackName, JsonNode root) {
    Objects.requireNonNull(stackName, "stackName");
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a template must be a JSON object");
    }
    return new StackTemplate(stackName, root);
  }

  /** The stack's name. */
  public String stackName() {
    return stackName;
  }

  /** The template's {@code Parameters} section (a missing node if none). */
  public JsonNode parameters() {
    return root.path("Parameters");
  }

  /** Every resource by logical id, in template order. */
  public Map<String, JsonNode> resources() {
    return resources;
  }

  /** A resource's type. */
  public String type(String logicalId) {
    return resources.get(logicalId).path("Type").asText();
  }

  /** A resource's properties (a missing node if it has none). */
  public JsonNode properties(String logicalId) {
    return resources.get(logicalId).path("Properties");
  }

  /** Logical ids in CloudFormation's creation order: each after every resource it depends on. */
  public List<String> creationOrder() {
    return order;
  }

  /** The logical ids of the resources of one type, in template order. */
  public List<String> ofType(String type) {
    return resources.keySet().stream().filter(id -> type(id).equals(type)).toList();
  }

  /** The resources a resource names, by {@code DependsOn} or through its intrinsics. */
  public Set<String> dependencies(String logicalId) {
    Set<String> out = new LinkedHashSet<>();
    JsonNode r = resources.get(logicalId);
    JsonNode dependsOn = r.path("DependsOn");
    if (dependsOn.isTextual()) {
      out.add(dependsOn.asText());
    }
    dependsOn.forEach(d -> out.add(d.asText()));
    collect(r.path("Properties"), out);
    out.retainAll(resources.keySet());
    out.remove(logicalId);
    return out;
  }

  private static void collect(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      if (node.size() == 1 && node.has("Ref")) {
        out.add(node.get("Ref").asText());
        return;
      }
      if (node.size() == 1 && node.has("Fn::GetAtt")) {
        JsonNode a = node.get("Fn::GetAtt");
        out.add(a.isTextual() ? a.asText().split("\\.", 2)[0] : a.path(0).asText());
        return;
      }
      if (node.size() == 1 && node.has("Fn::Sub")) {
        JsonNode s = node.get("Fn::Sub");
        Matcher m = SUB_NAME.matcher(s.isTextual() ? s.asText() : s.path(0).asText());
        while (m.find()) {
          out.add(m.group(1));
        }
        if (s.isArray()) {
          collect(s.path(1), out);
        }
        return;
      }
      node.elements().forEachRemaining(child -> collect(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, out));
    }
  }

  private List<String> dependencyOrder() {
    Map<String, Set<String>> pending = new LinkedHashMap<>();
    resources.keySet().forEach(id -> pending.put(id, new LinkedHashSet<>(dependencies(id))));
    List<String> out = new ArrayList<>();
    while (!pending.isEmpty()) {
      String next = null;
      for (Iterator<Map.Entry<String, Set<String>>> it = pending.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Set<String>> e = it.next();
        if (e.getValue().isEmpty()) {
          next = e.getKey();
          it.remove();
          break;
        }
      }
      if (next == null) {
        throw new IllegalArgumentException("the template's dependencies form a cycle among " + pending.keySet());
      }
      out.add(next);
      for (Set<String> deps : pending.values()) {
        deps.remove(next);
      }
    }
    return out;
  }
}
