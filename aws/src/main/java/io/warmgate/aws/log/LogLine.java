package io.warmgate.aws.log;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * One structured log line, before a listener writes it with its own backend (Powertools in the Lambda
 * function, JSON lines on stdout in the daemon).
 *
 * @param level how serious it is
 * @param event what happened, the line's {@code event} key ({@code decision}, {@code finished}, ...)
 * @param message the same for people, one sentence
 * @param at when it happened on the gate's clock, for a backend that stamps lines itself from it; empty for
 *     lines about a message, stamped when written
 * @param fields the other keys in order ({@code group}, {@code hook}, {@code instanceId}, {@code phase},
 *     then the event's own); values are strings, numbers, booleans, lists and maps of them
 */
public record LogLine(Level level, String event, String message, Optional<Instant> at, Map<String, Object> fields) {

  /**
   * @throws NullPointerException if a component, or a field's key or value, is null
   */
  public LogLine {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
    Map<String, Object> copy = new LinkedHashMap<>();
    fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field key"), Objects.requireNonNull(v, () -> "field " + k)));
    fields = Collections.unmodifiableMap(copy);
  }
}
