package io.warmgate.emulator;

import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.EventBus;
import io.warmgate.emulator.internal.http.ApiServer;
import io.warmgate.emulator.internal.iam.Authorizer;
import io.warmgate.emulator.internal.instance.AddressBlock;
import io.warmgate.emulator.internal.instance.HealthServers;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a local Auto Scaling + EC2 endpoint with warm-pool lifecycles and simulated instances.
 *
 * <p>Start one with {@link #builder()}, point any AWS client at {@link #endpoint()} (any
 * credentials, any region name), and create the scenario through the API as a user would:
 * launch template, group, warm pool, lifecycle hook. Lifecycle events go to the listeners and
 * event targets. Everything runs on the simulated {@link #clock()}. Thread-safe;
 * {@link #close()} releases every port and thread.
 */
public final class WarmPoolEmulator implements AutoCloseable {
  // Emulators in one JVM try successive blocks; a random start spreads parallel JVMs, and the claim
  // (AddressBlock) keeps any two emulators on the machine apart.
  private static final AtomicInteger NEXT_IP_BLOCK = new AtomicInteger(ThreadLocalRandom.current().nextInt(234));

  private final EmulatorClock clock;
  private final EventBus events;
  private final HealthServers health;
  private final AddressBlock addressBlock;
  private final Engine engine;
  private final ApiServer api;
  private final String region;
  private final List<String> bootProfiles;
  private volatile EmulatorFaults faults;

  WarmPoolEmulator(WarmPoolEmulatorBuilder b) {
    this.faults = b.faults;
    this.region = b.region;
    this.bootProfiles = List.copyOf(b.profiles.keySet());
    Instant origin = b.startTime != null ? b.startTime : Instant.now();
    this.clock = b.virtualTime ? EmulatorClock.virtual(origin) : EmulatorClock.accelerated(b.speed, origin);
    this.events = new EventBus(this::faults, b.seed ^ 0x9E3779B97F4A7C15L);
    b.listeners.forEach(events::addListener);
    b.eventTargets.forEach(events::addTarget);
    this.health = new HealthServers(b.healthThreads);
    try {
      this.addressBlock = b.ipBlock > 0
          ? AddressBlock.given(b.ipBlock)
          : AddressBlock.claimFrom(AddressBlock.FIRST_PICKED + NEXT_IP_BLOCK.getAndIncrement());
    } catch (RuntimeException e) {
      closeParts();
      throw e;
    }
    this.engine = new Engine(clock, b.seed, b.region, b.accountId, b.profiles, b.defaultBootProfile, b.healthPort,
        addressBlock.secondOctet(), events, health);
    if (b.consolePostDelay != null) {
      engine.consolePostDelay(b.consolePostDelay);
    }
    try {
      this.api = new ApiServer(engine, b.port, b.apiThreads, this::faults, b.seed, b.apiIdleTimeout,
          new Authorizer(b.iamPolicies, b.accountId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeParts();
      throw new IllegalStateException("interrupted while binding the API port", e);
    } catch (RuntimeException e) {
      closeParts();
      throw e;
    }
  }

  /** Returns a builder with the defaults described on {@link WarmPoolEmulatorBuilder}. */
  public static WarmPoolEmulatorBuilder builder() {
    return new WarmPoolEmulatorBuilder();
  }

  /** Returns the API endpoint, {@code http://127.0.0.1:PORT}, for both Auto Scaling and EC2. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + api.port());
  }

  /** Returns the second octet B of this emulator's instance addresses, {@code 127.B.x.y}. */
  public int ipBlock() {
    return addressBlock.secondOctet();
  }

  /** Returns the bound API port. */
  public int port() {
    return api.port();
  }

  /** Returns the region named in ARNs and events. */
  public String region() {
    return region;
  }

  /** Returns the names of the registered boot profiles, for the {@value BootProfile#TAG} tag. */
  public List<String> bootProfiles() {
    return bootProfiles;
  }

  /** Returns the simulated clock that drives every timer. */
  public EmulatorClock clock() {
    return clock;
  }

  /** Adds an in-process listener for lifecycle events (EventBridge JSON). */
  public void addListener(LifecycleEventListener listener) {
    events.addListener(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener added before. */
  public void removeListener(LifecycleEventListener listener) {
    events.removeListener(listener);
  }

  /** Adds an HTTP URL that receives each later lifecycle event as a JSON POST. */
  public void addEventTarget(URI target) {
    events.addTarget(Objects.requireNonNull(target, "target"));
  }

  /**
   * Returns the lifecycle events emitted so far (before injected loss/duplication), oldest first:
   * the most recent {@value EventBus#EMITTED_LIMIT}, so that a long run stays bounded.
   */
  public List<String> emittedEvents() {
    return events.emitted();
  }

  /**
   * Returns the recorded transitions of every instance, in order, with simulated timestamps: the
   * most recent {@value Engine#TIMELINE_LIMIT}, so that a long run stays bounded.
   */
  public List<TimelineEntry> timeline() {
    return engine.timeline();
  }

  /** Returns the recorded transitions of one instance, in order. */
  public List<TimelineEntry> timeline(String instanceId) {
    return engine.timeline(instanceId);
  }

  /**
   * Returns every instance launched, terminated ones included, in launch order; of the terminated
   * ones only the most recent {@value Engine#TERMINATED_KEPT} are remembered.
   */
  public List<InstanceSnapshot> instances() {
    return engine.snapshots();
  }

  /** Returns one instance, if it exists. */
  public Optional<InstanceSnapshot> instance(String instanceId) {
    return Optional.ofNullable(engine.snapshot(instanceId));
  }

  /** Returns the lifecycle actions active now (waiting for completion, a heartbeat or expiry), oldest first. */
  public List<ActionSnapshot> activeActions() {
    return engine.activeActions();
  }

  /**
   * Returns how many API calls each action received (faulted calls included), by action name;
   * calls for actions no service knows count under {@code (unknown)}.
   */
  public Map<String, Long> apiCallCounts() {
    return engine.apiCallCounts();
  }

  /**
   * Returns every request refused by an IAM policy so far, oldest first, as {@code CODE: message}
   * ({@code AccessDenied: User: ... is not authorized to perform: ...}).
   */
  public List<String> iamDenials() {
    return api.denials();
  }

  /** Returns counts of injected event faults: {@code dropped}, {@code duplicated}, {@code postFailures}. */
  public Map<String, Long> eventStats() {
    return Map.of("emitted", events.emittedCount(), "dropped", events.dropped(),
        "duplicated", events.duplicated(), "postFailures", events.postFailures());
  }

  /**
   * Returns counts over the emulated SQS queues: {@code sent}, {@code received} (a message each time a receive
   * returned it), {@code deleted} (deletes that removed a message) and {@code redelivered} (receives that the
   * {@linkplain EmulatorFaults#messageRedeliveryRate() redelivery fault} left visible).
   */
  public Map<String, Long> queueStats() {
    return api.queues().stats();
  }

  /** Returns how many API answers were injected faults: {@code throttled}, {@code serverErrors}. */
  public Map<String, Long> injectedFaults() {
    return api.injectedFaults();
  }

  /** Returns the faults in effect. */
  public EmulatorFaults faults() {
    return faults;
  }

  /** Replaces the faults in effect, from the next call or event on. */
  public void faults(EmulatorFaults faults) {
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /** Returns a human-readable hint on pointing the AWS CLI at this emulator. */
  public String cliHint() {
    return "export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=" + region
        + " AWS_DEFAULT_REGION=" + region
        + " AWS_EC2_METADATA_DISABLED=true AWS_ENDPOINT_URL=" + endpoint() + "\n"
        + "aws autoscaling describe-auto-scaling-groups   # or: aws --endpoint-url " + endpoint() + " ...";
  }

  /** Stops the API, every health endpoint, the clock and event delivery. */
  @Override
  public void close() {
    api.close();
    closeParts();
  }

  private void closeParts() {
    clock.close();
    events.close();
    health.close();
    if (addressBlock != null) {
      addressBlock.close();
    }
  }
}
