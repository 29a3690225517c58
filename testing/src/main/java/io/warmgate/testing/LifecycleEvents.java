package io.warmgate.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The lifecycle events an emulator emitted, in order, as the EventBridge-shaped JSON it wrote. */
public final class LifecycleEvents implements Consumer<String> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> raw = new CopyOnWriteArrayList<>();

  @Override
  public void accept(String json) {
    raw.add(json);
  }

  /** Every event, as written. */
  public List<String> raw() {
    return List.copyOf(raw);
  }

  /** Every event, parsed. */
  public List<JsonNode> all() {
    return raw.stream().map(LifecycleEvents::tree).toList();
  }

  public int size() {
    return raw.size();
  }

  /** The events of one instance, parsed, oldest first. */
  public List<JsonNode> of(String instanceId) {
    return all().stream().filter(e -> instanceId.equals(instanceOf(e))).toList();
  }

  /** The latest event of an instance, as written. */
  public Optional<String> latest(String instanceId) {
    String found = null;
    for (String e : raw) {
      if (instanceId.equals(instanceOf(tree(e)))) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The token the latest event of an instance carries. */
  public String token(String instanceId) {
    return tree(latest(instanceId).orElseThrow()).path("detail").path("LifecycleActionToken").asText();
  }

  /** The instance an event is about. */
  public static String instanceOf(String event) {
    return instanceOf(tree(event));
  }

  private static String instanceOf(JsonNode event) {
    return event.path("detail").path("EC2InstanceId").asText();
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
