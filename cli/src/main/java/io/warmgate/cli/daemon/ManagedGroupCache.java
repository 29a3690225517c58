package io.warmgate.cli.daemon;

import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.ManagedGroups;
import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Answers whether an event's group is one the daemon manages, from the managed-group list looked up at
 * most once per {@code maxAge} on the scheduler's clock, so a stream of events (or of events for other
 * groups) does not turn into a {@code DescribeTags} call each.
 *
 * <p>A group tagged after the last lookup is seen at the next one, no later than the sweep that would
 * gate it anyway. When a lookup fails, the last list known is kept; with none known, the answer is
 * empty (unknown) and the caller leaves the event to the sweep. Thread-safe.
 */
final class ManagedGroupCache {

  private final ManagedGroups groups;
  private final Scheduler scheduler;
  private final Duration maxAge;
  private Set<String> known;
  private Instant lookedUpAt;

  ManagedGroupCache(ManagedGroups groups, Scheduler scheduler, Duration maxAge) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
  }

  /**
   * Whether {@code group} is managed: empty if that cannot be told (the list was never read successfully).
   *
   * @throws GatePortException never; a failed lookup is reported through {@code onFailure}
   */
  synchronized Optional<Boolean> isManaged(String group, java.util.function.Consumer<GatePortException> onFailure) {
    Instant now = scheduler.now();
    if (lookedUpAt == null || !now.isBefore(lookedUpAt.plus(maxAge))) {
      // Set the time first: a failing lookup is retried after maxAge too, not at every event.
      lookedUpAt = now;
      try {
        known = Set.copyOf(groups.list());
      } catch (GatePortException e) {
        onFailure.accept(e);
      } catch (RuntimeException e) {
        onFailure.accept(new GatePortException("listing the managed groups failed: " + e, e, false));
      }
    }
    return known == null ? Optional.empty() : Optional.of(known.contains(group));
  }
}
