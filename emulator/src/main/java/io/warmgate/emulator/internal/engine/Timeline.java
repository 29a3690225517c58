package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.TimelineEntry;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Keeps the most recent transitions of every instance, oldest first, up to a fixed number; older
 * entries are dropped so that a long-running emulator does not grow without bound. Guarded by the
 * engine lock.
 */
final class Timeline {
  private final int capacity;
  private final ArrayDeque<TimelineEntry> entries;
  private long dropped;

  Timeline(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(Math.min(capacity, 4096));
  }

  void add(TimelineEntry entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
      dropped++;
    }
    entries.addLast(entry);
  }

  List<TimelineEntry> entries() {
    return List.copyOf(entries);
  }

  List<TimelineEntry> entries(String instanceId) {
    return entries.stream().filter(e -> e.instanceId().equals(instanceId)).toList();
  }

  /** Returns how many old entries were dropped to stay within the capacity. */
  long dropped() {
    return dropped;
  }
}
