package io.warmgate.core.probe;

import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A share of EC2's per-account request budget for the probes that call the EC2 API once per read (the
 * console probe): paces each waiting instance's reads from the number waiting, and caps bursts.
 *
 * <p>EC2 throttles non-mutating actions (which include {@code GetConsoleOutput}) with a token bucket per
 * account: 100 tokens, refilled at 20 per second ("Request throttling for the Amazon EC2 API", EC2 API
 * Reference). The gate takes half of each by default, so the other callers in the account keep room:
 * with {@code N} instances waiting, each is read at most every {@code N / rate} (1,000 instances at 10
 * calls per second: every 100 s), and a burst of new instances waits for tokens instead of spending the
 * account's. Thread-safe.
 */
public final class ApiBudget {

  /** Default calls per second: half of EC2's documented refill of 20 per second. */
  public static final double DEFAULT_RATE = 10;
  /** Default burst: half of EC2's documented bucket of 100. */
  public static final int DEFAULT_BURST = 50;
  /** An instance not checked for this long no longer counts as waiting. */
  static final Duration WAITING_WINDOW = Duration.ofSeconds(30);
  private static final int MAX_TRACKED = 100_000;

  private final Scheduler scheduler;
  private final double rate;
  private final int burst;
  private final Map<String, Instant> lastChecked = new ConcurrentHashMap<>();
  private double tokens;
  private Instant refilledAt;
  private Instant prunedAt;

  /**
   * @param scheduler the clock tokens refill on
   * @param rate calls per second, 0.1..20 (EC2's refill)
   * @param burst the most calls at once, 1..100 (EC2's bucket)
   */
  public ApiBudget(Scheduler scheduler, double rate, int burst) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    if (!(rate >= 0.1 && rate <= 20)) {
      throw new IllegalArgumentException("rate must be within 0.1..20 calls per second, got " + rate);
    }
    if (burst < 1 || burst > 100) {
      throw new IllegalArgumentException("burst must be within 1..100, got " + burst);
    }
    this.rate = rate;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = scheduler.now();
    this.prunedAt = refilledAt;
  }

  /** The default share: {@value #DEFAULT_RATE} calls per second, bursts of {@value #DEFAULT_BURST}. */
  public static ApiBudget defaults(Scheduler scheduler) {
    return new ApiBudget(scheduler, DEFAULT_RATE, DEFAULT_BURST);
  }

  /** Calls per second. */
  public double rate() {
    return rate;
  }

  /** Notes that {@code instanceId} is being checked now, so it counts as waiting. */
  public void checking(String instanceId) {
    Instant now = scheduler.now();
    if (lastChecked.size() < MAX_TRACKED || lastChecked.containsKey(instanceId)) {
      lastChecked.put(instanceId, now);
    }
    prune(now);
  }

  /** Forgets an instance whose check is over. */
  public void done(String instanceId) {
    lastChecked.remove(instanceId);
  }

  /** The instances checked within the last {@link #WAITING_WINDOW}. */
  public int waiting() {
    return Math.max(1, lastChecked.size());
  }

  /** The least time between two reads of one instance: the waiting instances shared over the rate. */
  public Duration readInterval() {
    return Duration.ofMillis((long) Math.ceil(waiting() * 1000.0 / rate));
  }

  /** Takes one call's token if there is one. */
  public synchronized boolean tryAcquire() {
    Instant now = scheduler.now();
    double elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos() / 1e9);
    tokens = Math.min(burst, tokens + elapsed * rate);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  private void prune(Instant now) {
    synchronized (this) {
      if (Duration.between(prunedAt, now).compareTo(Duration.ofSeconds(1)) < 0) {
        return;
      }
      prunedAt = now;
    }
    Instant cutoff = now.minus(WAITING_WINDOW);
    for (Iterator<Instant> it = lastChecked.values().iterator(); it.hasNext(); ) {
      if (it.next().isBefore(cutoff)) {
        it.remove();
      }
    }
  }
}
