package io.warmgate.aws.autoscaling;

import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.Instances;
import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * Describes instances as {@link AutoScalingInstances} does, but lookups made by concurrent runs within
 * a short window share their calls: one {@code DescribeInstances} for up to {@value #MAX_EC2_IDS} ids
 * and one {@code DescribeAutoScalingInstances} per {@value #MAX_AUTO_SCALING_IDS} of them.
 *
 * <p>The first caller of a batch leads it: it waits until the window ends on the {@link Scheduler}'s
 * clock (or the batch is full), then makes the calls on its own thread and hands every caller its
 * answer. No thread is added and no caller waits for a batch it does not belong to, so a gate whose
 * workers all wait in lookups cannot deadlock. When EC2 refuses a batch because one of its ids is
 * unknown or malformed, each id of that batch is looked up alone, so one stray id never fails the
 * others. A failed call fails every lookup of its batch with a {@link GatePortException} naming the
 * instance.
 *
 * <p>Blocking; thread-safe.
 */
public final class BatchingInstances implements Instances {

  /** The most ids one {@code DescribeInstances} call takes. */
  public static final int MAX_EC2_IDS = 1000;
  /** The most ids one {@code DescribeAutoScalingInstances} call takes. */
  public static final int MAX_AUTO_SCALING_IDS = 50;
  /** Default window: 100 ms, a small part of any probe interval. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMillis(100);

  // The leader's wait is on the scheduler's clock; this real-time bound only guards against a
  // scheduler that no longer runs tasks (shut down), so a lookup can never hang.
  private static final long MAX_REAL_WAIT_MS = 10_000;

  private final AutoScalingClient autoScaling;
  private final Ec2Client ec2;
  private final AutoScalingInstances single;
  private final Scheduler scheduler;
  private final Duration window;
  private final Object lock = new Object();
  private Batch open; // guarded by lock

  /**
   * @param autoScaling the Auto Scaling client (not closed here)
   * @param ec2 the EC2 client (not closed here)
   * @param scheduler times the window
   * @param window how long the first lookup of a batch waits for others to join; zero for none
   * @throws IllegalArgumentException if the window is negative or longer than 5 s
   */
  public BatchingInstances(AutoScalingClient autoScaling, Ec2Client ec2, Scheduler scheduler, Duration window) {
    this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
    this.ec2 = Objects.requireNonNull(ec2, "ec2");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.window = Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.compareTo(Duration.ofSeconds(5)) > 0) {
      throw new IllegalArgumentException("window must be within 0..5s, got " + window);
    }
    this.single = new AutoScalingInstances(autoScaling, ec2);
  }

  private static final class Batch {
    final Map<String, CompletableFuture<Optional<InstanceFacts>>> lookups = new LinkedHashMap<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
  }

  @Override
  public Optional<InstanceFacts> describe(String instanceId) {
    Objects.requireNonNull(instanceId, "instanceId");
    Batch batch;
    CompletableFuture<Optional<InstanceFacts>> mine;
    boolean leader;
    synchronized (lock) {
      leader = open == null;
      if (leader) {
        open = new Batch();
      }
      batch = open;
      mine = batch.lookups.computeIfAbsent(instanceId, id -> new CompletableFuture<>());
      if (batch.lookups.size() >= MAX_EC2_IDS) {
        open = null;
        batch.closed.complete(null);
      }
    }
    if (leader) {
      lead(batch);
    }
    try {
      return mine.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof GatePortException g) {
        // A fresh exception per caller, naming its instance, so its stack trace is its own.
        String message = g.getMessage().contains(instanceId) ? g.getMessage() : g.getMessage() + " (looking up " + instanceId + ")";
        throw new GatePortException(message, g.getCause(), g.retryable());
      }
      // Not an AWS answer but the leader's own fault (a bug, a class missing from the jar): it stays one, so
      // the run that meets it fails loudly instead of as a port failure.
      throw new IllegalStateException("looking up " + instanceId + " failed: " + e.getCause(), e.getCause());
    }
  }

  private void lead(Batch batch) {
    if (!window.isZero()) {
      Scheduler.Cancellable timer = scheduler.scheduleAt(scheduler.now().plus(window), () -> batch.closed.complete(null));
      try {
        batch.closed.get(MAX_REAL_WAIT_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the batch still goes out: others are waiting for it
      } catch (ExecutionException | TimeoutException e) {
        // a scheduler that stopped running tasks: go with what has joined
      }
      timer.cancel();
    }
    Map<String, CompletableFuture<Optional<InstanceFacts>>> lookups;
    synchronized (lock) {
      if (open == batch) {
        open = null;
      }
      lookups = new LinkedHashMap<>(batch.lookups);
    }
    try {
      answer(lookups);
    } catch (RuntimeException | Error e) {
      // Nobody may be left waiting, whatever went wrong.
      lookups.values().forEach(f -> f.completeExceptionally(e));
      throw e;
    }
  }

  private void answer(Map<String, CompletableFuture<Optional<InstanceFacts>>> lookups) {
    List<String> ids = new ArrayList<>(lookups.keySet());
    Map<String, Instance> found;
    try {
      found = describeEc2(ids);
    } catch (SdkException e) {
      boolean strayId = AwsFailures.hasCode(e, "InvalidInstanceID.NotFound") || AwsFailures.hasCode(e, "InvalidInstanceID.Malformed");
      if (strayId) {
        lookups.forEach(this::alone);
      } else {
        GatePortException failure = AwsFailures.wrap("DescribeInstances for " + describe(ids), e);
        lookups.values().forEach(f -> f.completeExceptionally(failure));
      }
      return;
    }
    Map<String, AutoScalingInstanceDetails> membership;
    List<String> known = ids.stream().filter(found::containsKey).toList();
    try {
      membership = describeMembership(known);
    } catch (SdkException e) {
      GatePortException failure = AwsFailures.wrap("DescribeAutoScalingInstances for " + describe(known), e);
      lookups.values().forEach(f -> f.completeExceptionally(failure));
      return;
    }
    lookups.forEach((id, f) -> {
      Instance i = found.get(id);
      if (i == null) {
        f.complete(Optional.empty());
        return;
      }
      try {
        f.complete(Optional.of(AutoScalingInstances.facts(id, i, Optional.ofNullable(membership.get(id)))));
      } catch (GatePortException e) {
        f.completeExceptionally(e);
      }
    });
  }

  private void alone(String id, CompletableFuture<Optional<InstanceFacts>> f) {
    try {
      f.complete(single.describe(id));
    } catch (GatePortException e) {
      f.completeExceptionally(e);
    }
  }

  private Map<String, Instance> describeEc2(List<String> ids) {
    Map<String, Instance> found = new HashMap<>();
    ec2.describeInstancesPaginator(r -> r.instanceIds(ids)).reservations().stream()
        .map(Reservation::instances).flatMap(List::stream)
        .filter(i -> i.instanceId() != null)
        .forEach(i -> found.putIfAbsent(i.instanceId(), i));
    return found;
  }

  private Map<String, AutoScalingInstanceDetails> describeMembership(List<String> ids) {
    Map<String, AutoScalingInstanceDetails> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += MAX_AUTO_SCALING_IDS) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_AUTO_SCALING_IDS));
      autoScaling.describeAutoScalingInstances(r -> r.instanceIds(chunk).maxRecords(MAX_AUTO_SCALING_IDS))
          .autoScalingInstances()
          .forEach(d -> out.putIfAbsent(d.instanceId(), d));
    }
    return out;
  }

  private static String describe(List<String> ids) {
    return ids.size() == 1 ? ids.get(0) : ids.size() + " instances (" + ids.get(0) + ", ...)";
  }
}
