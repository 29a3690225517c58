package io.warmgate.cli.daemon;

import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.ManagedGroups;
import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers whether an event's group is one the daemon manages, from the managed-group list looked up at
 * most once per {@code maxAge} on the scheduler's clock, so a stream of events (or of events for other
 * groups) does not turn into a {@code DescribeTags} call each.
 *
 * <p>A group tagged after the last lookup is seen at the next one, no later than the sweep that would
 * gate it anyway. When a lookup fails, the last list known is kept; with none known, the answer is
 * empty (unknown) and the caller leaves the event to the sweep.
 *
 * <p>Thread-safe, and no caller waits for another's lookup: the first caller to find the list stale
 * looks it up (a {@code DescribeTags} can take its full call timeout while AWS is slow), the others
 * meanwhile answer from the list known so far. A lock held across the lookup made every listener
 * thread wait for it.
 */
final class ManagedGroupCache {

  private final ManagedGroups groups;
  private final Scheduler scheduler;
  private final Duration maxAge;
  private final AtomicBoolean lookingUp = new AtomicBoolean();
  private volatile Set<String> known;
  private volatile Instant lookedUpAt;

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
  Optional<Boolean> isManaged(String group, java.util.function.Consumer<GatePortException> onFailure) {
    Instant last = lookedUpAt;
    if ((last == null || !scheduler.now().isBefore(last.plus(maxAge))) && lookingUp.compareAndSet(false, true)) {
      try {
        // Set the time first: a failing lookup is retried after maxAge too, not at every event.
        lookedUpAt = scheduler.now();
        known = Set.copyOf(groups.list());
      } catch (GatePortException e) {
        onFailure.accept(e);
      } catch (RuntimeException e) {
        onFailure.accept(new GatePortException("listing the managed groups failed: " + e, e, false));
      } finally {
        lookingUp.set(false);
      }
    }
    Set<String> current = known;
    return current == null ? Optional.empty() : Optional.of(current.contains(group));
  }
}
