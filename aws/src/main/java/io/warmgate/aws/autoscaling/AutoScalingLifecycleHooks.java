package io.warmgate.aws.autoscaling;

import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.aws.internal.SdkLifecycleHooks;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.port.LifecycleHooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHooksRequest;

/**
 * Reads lifecycle hooks with {@code DescribeLifecycleHooks} and caches each hook found for a
 * time-to-live, because the gate asks on every action and hooks rarely change. An absence is cached for
 * {@link #ABSENCE_TTL} at most, so a hook created just after an early or forged event is found.
 *
 * <p>A group that does not exist reads as having no hooks. Concurrent misses for the same key share one
 * call: a scale-out hands the gate hundreds of actions of one hook at once, and every worker used to ask
 * AWS for the same hook (16 calls where one does). If that call fails, each waiter asks on its own, so a
 * failure is always the caller's own. Blocking; thread-safe.
 */
public final class AutoScalingLifecycleHooks implements LifecycleHooks {

  /** The default time-to-live of a cached hook. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  /**
   * The longest an absence ("no such hook") is cached, whatever the TTL: long enough to spare AWS a burst
   * of events for an unknown hook, short enough that the real event of a hook created a moment after an
   * early or forged one still finds it.
   */
  public static final Duration ABSENCE_TTL = Duration.ofSeconds(5);

  private record Key(String group, String hook) {}

  private record Entry(Optional<LifecycleHook> hook, Instant expires) {}

  private final AutoScalingClient autoScaling;
  private final Clock clock;
  private final Duration ttl;
  private final ConcurrentMap<Key, Entry> cache = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key, CompletableFuture<Optional<LifecycleHook>>> inFlight = new ConcurrentHashMap<>();

  /**
   * @param autoScaling the client; not closed here
   * @param clock the clock that ages cache entries
   * @param ttl how long a hook found stays cached (an absence: at most {@link #ABSENCE_TTL}); zero disables
   *     caching
   */
  public AutoScalingLifecycleHooks(AutoScalingClient autoScaling, Clock clock, Duration ttl) {
    this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative: " + ttl);
    }
  }

  /** Caches for {@link #DEFAULT_TTL} on the system clock. */
  public AutoScalingLifecycleHooks(AutoScalingClient autoScaling) {
    this(autoScaling, Clock.systemUTC(), DEFAULT_TTL);
  }

  @Override
  public Optional<LifecycleHook> find(String groupName, String hookName) {
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(hookName, "hookName");
    Key key = new Key(groupName, hookName);
    Instant now = clock.instant();
    Entry cached = cache.get(key);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached.hook();
    }
    CompletableFuture<Optional<LifecycleHook>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<LifecycleHook>> leader = inFlight.putIfAbsent(key, mine);
    if (leader != null) {
      try {
        return leader.join();
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        return describeOne(key, now); // the shared call failed: this caller's own attempt, its own failure
      }
    }
    try {
      Optional<LifecycleHook> found = describeOne(key, now);
      mine.complete(found);
      return found;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  private Optional<LifecycleHook> describeOne(Key key, Instant now) {
    Optional<LifecycleHook> found =
        describe(key.group(), r -> r.lifecycleHookNames(key.hook()), "hook " + key.hook()).stream()
            .filter(h -> h.hookName().equals(key.hook()))
            .findFirst();
    remember(key, found, now);
    return found;
  }

  @Override
  public List<LifecycleHook> list(String groupName) {
    Objects.requireNonNull(groupName, "groupName");
    Instant now = clock.instant();
    List<LifecycleHook> hooks = describe(groupName, r -> {}, "hooks");
    for (LifecycleHook h : hooks) {
      remember(new Key(groupName, h.hookName()), Optional.of(h), now);
    }
    return hooks;
  }

  /** Forgets every cached answer, e.g. after a hook was changed. */
  public void invalidate() {
    cache.clear();
  }

  private void remember(Key key, Optional<LifecycleHook> hook, Instant now) {
    Duration keep = hook.isPresent() || ttl.compareTo(ABSENCE_TTL) < 0 ? ttl : ABSENCE_TTL;
    if (!keep.isZero()) {
      cache.put(key, new Entry(hook, now.plus(keep)));
    }
  }

  private List<LifecycleHook> describe(
      String groupName, Consumer<DescribeLifecycleHooksRequest.Builder> names, String what) {
    List<software.amazon.awssdk.services.autoscaling.model.LifecycleHook> raw;
    try {
      raw =
          autoScaling
              .describeLifecycleHooks(r -> names.accept(r.autoScalingGroupName(groupName)))
              .lifecycleHooks();
    } catch (SdkException e) {
      if (AwsFailures.hasCode(e, "ValidationError")
          && AwsFailures.errorMessage(e).toLowerCase(Locale.ROOT).contains("not found")) {
        return List.of();
      }
      throw AwsFailures.wrap("DescribeLifecycleHooks for " + what + " of group " + groupName, e);
    }
    List<LifecycleHook> hooks = new ArrayList<>(raw.size());
    for (var h : raw) {
      hooks.add(toHook(groupName, h));
    }
    return List.copyOf(hooks);
  }

  static LifecycleHook toHook(String groupName, software.amazon.awssdk.services.autoscaling.model.LifecycleHook h) {
    return SdkLifecycleHooks.toHook(groupName, h);
  }
}
