package io.warmgate.emulator;

import io.warmgate.emulator.internal.iam.IamPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configures and starts a {@link WarmPoolEmulator}. Defaults: a free port, speed 1.0, seed 42,
 * region us-east-1, account 123456789012, health port 8080, boot profile {@code linux}, the
 * profiles {@code linux}, {@code windows} and {@code instant} registered, no faults, no IAM policy
 * (every caller may do everything). Not
 * thread-safe; {@link #start()} takes a snapshot.
 */
public final class WarmPoolEmulatorBuilder {
  int port = 0;
  double speed = 1.0;
  boolean virtualTime;
  long seed = 42L;
  Instant startTime;
  String region = "us-east-1";
  String accountId = "123456789012";
  int healthPort = 8080;
  String defaultBootProfile = "linux";
  final Map<String, BootProfile> profiles = new LinkedHashMap<>();
  final List<LifecycleEventListener> listeners = new ArrayList<>();
  final List<URI> eventTargets = new ArrayList<>();
  EmulatorFaults faults = EmulatorFaults.NONE;
  int ipBlock = -1;
  int apiThreads = 2;
  int healthThreads = 1;
  Duration apiIdleTimeout = Duration.ofSeconds(60);
  Duration consolePostDelay;
  final Map<String, IamPolicy> iamPolicies = new LinkedHashMap<>();

  WarmPoolEmulatorBuilder() {
    for (BootProfile p : List.of(BootProfile.linux(), BootProfile.windows(), BootProfile.instant())) {
      profiles.put(p.name(), p);
    }
  }

  /** Sets the API port on 127.0.0.1; 0 (the default) picks a free one. */
  public WarmPoolEmulatorBuilder port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    this.port = port;
    return this;
  }

  /** Sets how many simulated seconds pass per real second (1.0 real time, 60 for demos). */
  public WarmPoolEmulatorBuilder speed(double speed) {
    if (!(speed > 0.0) || speed > 100_000.0) {
      throw new IllegalArgumentException("speed must be in (0, 100000], got " + speed);
    }
    this.speed = speed;
    return this;
  }

  /**
   * Runs the emulator on a {@linkplain EmulatorClock#virtual(Instant) virtual clock}: simulated
   * time stands still until {@code clock().advance(...)} moves it, so timeouts in tests are exact
   * whatever the machine's load. The speed is then ignored.
   */
  public WarmPoolEmulatorBuilder virtualTime() {
    this.virtualTime = true;
    return this;
  }

  /** Sets the seed of every random choice: ids, tokens, boot times, faults. */
  public WarmPoolEmulatorBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Sets the simulated instant at start (default: the real now). */
  public WarmPoolEmulatorBuilder startTime(Instant startTime) {
    this.startTime = Objects.requireNonNull(startTime, "startTime");
    return this;
  }

  /** Sets the region named in ARNs and events. */
  public WarmPoolEmulatorBuilder region(String region) {
    this.region = Objects.requireNonNull(region, "region");
    return this;
  }

  /** Sets the 12-digit account id named in ARNs, events and owner ids. */
  public WarmPoolEmulatorBuilder accountId(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("accountId must be 12 digits, got " + accountId);
    }
    this.accountId = accountId;
    return this;
  }

  /** Sets the default health endpoint port (a launch template can override it with the health-port tag). */
  public WarmPoolEmulatorBuilder healthPort(int healthPort) {
    if (healthPort < 1 || healthPort > 65535) {
      throw new IllegalArgumentException("healthPort must be in 1..65535, got " + healthPort);
    }
    this.healthPort = healthPort;
    return this;
  }

  /** Registers (or replaces) a boot profile under its name. */
  public WarmPoolEmulatorBuilder bootProfile(BootProfile profile) {
    Objects.requireNonNull(profile, "profile");
    profiles.put(profile.name(), profile);
    return this;
  }

  /** Sets the profile used when a launch template names none. */
  public WarmPoolEmulatorBuilder defaultBootProfile(String name) {
    this.defaultBootProfile = Objects.requireNonNull(name, "name");
    return this;
  }

  /** Adds an in-process listener for lifecycle events. */
  public WarmPoolEmulatorBuilder listener(LifecycleEventListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Adds an HTTP(S) URL that receives each lifecycle event as a JSON POST. */
  public WarmPoolEmulatorBuilder eventTarget(URI target) {
    Objects.requireNonNull(target, "target");
    if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
      throw new IllegalArgumentException("event target must be http(s), got " + target);
    }
    eventTargets.add(target);
    return this;
  }

  /** Sets the injected faults (changeable later with {@link WarmPoolEmulator#faults(EmulatorFaults)}). */
  public WarmPoolEmulatorBuilder faults(EmulatorFaults faults) {
    this.faults = Objects.requireNonNull(faults, "faults");
    return this;
  }

  /**
   * Sets the second octet B of instance addresses 127.B.x.y (1..254). By default an emulator picks
   * a block in 16..249 (successive ones in one JVM, from a random start) and claims it with a marker
   * socket on 127.B.255.254, so no two emulators on the machine share addresses. A block set here is
   * the caller's to keep apart: it is not claimed.
   */
  public WarmPoolEmulatorBuilder ipBlock(int secondOctet) {
    if (secondOctet < 1 || secondOctet > 254) {
      throw new IllegalArgumentException("ipBlock must be in 1..254, got " + secondOctet);
    }
    this.ipBlock = secondOctet;
    return this;
  }

  /**
   * Sets how long (simulated time) a console line takes to reach the buffered view of {@code
   * GetConsoleOutput} without {@code Latest}; a state transition posts it sooner (default 30 s).
   */
  public WarmPoolEmulatorBuilder consolePostDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("consolePostDelay must not be negative, got " + delay);
    }
    this.consolePostDelay = delay;
    return this;
  }

  /** Sets the number of event-loop threads for the API (default 2) and for health endpoints (default 1). */
  public WarmPoolEmulatorBuilder threads(int apiThreads, int healthThreads) {
    if (apiThreads < 1 || healthThreads < 1) {
      throw new IllegalArgumentException("thread counts must be >= 1");
    }
    this.apiThreads = apiThreads;
    this.healthThreads = healthThreads;
    return this;
  }

  /**
   * Sets how long (real time) an API connection may go without delivering a complete request
   * before it is closed (default 60 s): this bounds idle keep-alive connections and clients that
   * send a request byte by byte.
   */
  public WarmPoolEmulatorBuilder apiIdleTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("apiIdleTimeout must be positive, got " + timeout);
    }
    this.apiIdleTimeout = timeout;
    return this;
  }

  /**
   * Holds requests signed with {@code accessKeyId} (the key in their SigV4 credential scope) to the
   * identity-based IAM policy in {@code file}, evaluated as AWS does; requests signed with other
   * keys stay unrestricted. Calling it again for the same key replaces its policy.
   *
   * @throws IllegalArgumentException if the file cannot be read or the policy is malformed; the
   *     one-line message names the file and the field
   */
  public WarmPoolEmulatorBuilder iamPolicy(String accessKeyId, Path file) {
    Objects.requireNonNull(file, "file");
    String document;
    try {
      document = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("cannot read IAM policy " + file + ": " + e.getMessage(), e);
    }
    return iamPolicy(accessKeyId, document, file.toString());
  }

  /**
   * Like {@link #iamPolicy(String, Path)}, with key and file given as {@code ACCESS_KEY_ID=FILE}
   * (the form of the command-line flag {@code --iam-policy}).
   */
  public WarmPoolEmulatorBuilder iamPolicy(String binding) {
    Objects.requireNonNull(binding, "binding");
    int eq = binding.indexOf('=');
    if (eq <= 0 || eq == binding.length() - 1) {
      throw new IllegalArgumentException("--iam-policy takes ACCESS_KEY_ID=FILE, got '" + binding + "'");
    }
    return iamPolicy(binding.substring(0, eq), Path.of(binding.substring(eq + 1)));
  }

  /**
   * Like {@link #iamPolicy(String, Path)}, with the policy document given as JSON text.
   *
   * @param source names the document in error messages
   */
  public WarmPoolEmulatorBuilder iamPolicy(String accessKeyId, String policyDocument, String source) {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(policyDocument, "policyDocument");
    Objects.requireNonNull(source, "source");
    if (!accessKeyId.matches("[A-Za-z0-9]{1,128}")) {
      throw new IllegalArgumentException("access key id must be 1..128 letters and digits, got '" + accessKeyId + "'");
    }
    iamPolicies.put(accessKeyId, IamPolicy.parse(policyDocument, source));
    return this;
  }

  /**
   * Starts the emulator: binds the API port and starts the clock.
   *
   * @throws IllegalStateException if the default boot profile is not registered
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  public WarmPoolEmulator start() {
    if (!profiles.containsKey(defaultBootProfile)) {
      throw new IllegalStateException("default boot profile '" + defaultBootProfile + "' is not registered; known: "
          + profiles.keySet());
    }
    return new WarmPoolEmulator(this);
  }
}
