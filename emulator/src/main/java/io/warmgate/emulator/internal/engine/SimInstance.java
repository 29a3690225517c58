package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.BootProfile;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Holds one simulated EC2 instance: its EC2 state, its Auto Scaling lifecycle state, its boot
 * progress and the lifecycle actions holding it. Guarded by the engine lock and changed only by
 * the engine, except the volatile health flags that the health endpoint reads.
 */
public final class SimInstance {
  public final String id;
  public final String reservationId;
  public final String privateIp;
  public final int healthPort;
  public final String availabilityZone;
  public final BootProfile profile;
  public final String imageId;
  public final String instanceType;
  /** The launch template version's user data (base64), or null if it had none. */
  public final String userData;
  /** Whether the launch template version set DisableApiTermination. */
  public final boolean disableApiTermination;
  /** Launch order, from 1: older instances leave a warm pool first. */
  final long sequence;
  final Random random;
  /** The group it was launched into; kept after it leaves, for the timeline. */
  final String groupName;

  Group group;
  LifecycleState lifecycle;
  Ec2State ec2State;
  String stateReason = "";
  boolean warm;
  boolean protectedFromScaleIn;
  Instant launchTime;
  final Map<String, String> tags = new LinkedHashMap<>();
  boolean abandoned;
  /** The scaling activity still following this instance (a launch or termination in progress), or null. */
  Activity activity;
  /** Set when Auto Scaling's health check found it impaired; it is being replaced. */
  boolean unhealthy;
  /** When EC2 reached terminated; EC2 forgets the instance an hour later. */
  Instant terminatedAt;
  /** What it printed on its console, across boots. */
  final ConsoleLog console = new ConsoleLog();
  /** Active lifecycle actions by hook name. */
  final Map<String, LifecycleAction> actions = new LinkedHashMap<>();

  /** Counts boots, stops and terminations, so a timer armed for an earlier one does nothing. */
  int bootGen;
  boolean setupDone;
  volatile boolean osUp;
  volatile boolean ready;
  volatile boolean corrupted;

  SimInstance(String id, String reservationId, String privateIp, int healthPort, String az, BootProfile profile,
      TemplateData template, String groupName, long sequence, Random random) {
    this.id = id;
    this.reservationId = reservationId;
    this.privateIp = privateIp;
    this.healthPort = healthPort;
    this.availabilityZone = az;
    this.profile = profile;
    this.imageId = template != null && template.imageId() != null ? template.imageId() : "ami-0123456789abcdef0";
    this.instanceType = template != null && template.instanceType() != null ? template.instanceType() : "t3.micro";
    this.userData = template != null ? template.userData() : null;
    this.disableApiTermination = template != null && Boolean.TRUE.equals(template.disableApiTermination());
    this.groupName = groupName;
    this.sequence = sequence;
    this.random = random;
  }

  /** Returns the group it is in (or in whose warm pool it is), or null once it has left. */
  public Group group() {
    return group;
  }

  public LifecycleState lifecycle() {
    return lifecycle;
  }

  public Ec2State ec2State() {
    return ec2State;
  }

  /** Returns EC2's reason for the last state change, empty if none. */
  public String stateReason() {
    return stateReason;
  }

  /** Returns whether it belongs to the warm pool rather than the group. */
  public boolean warm() {
    return warm;
  }

  public boolean protectedFromScaleIn() {
    return protectedFromScaleIn;
  }

  /** Returns the start of its current (or last) boot. */
  public Instant launchTime() {
    return launchTime;
  }

  public Map<String, String> tags() {
    return Collections.unmodifiableMap(tags);
  }

  public boolean unhealthy() {
    return unhealthy;
  }

  /** Returns whether its OS is up (EC2 status checks pass or are being run). */
  public boolean osUp() {
    return osUp;
  }

  /** Returns its console output as EC2 keeps it. */
  public ConsoleLog console() {
    return console;
  }

  /** Returns whether a stop during first-boot setup broke it for good. */
  public boolean corrupted() {
    return corrupted;
  }

  /** Returns whether the health endpoint answers 200 now. */
  public boolean healthy() {
    return ready && !corrupted;
  }

  /** Returns whether EC2 still lists the instance: terminated instances vanish after an hour. */
  public boolean visibleAt(Instant now) {
    return terminatedAt == null || now.isBefore(terminatedAt.plusSeconds(3600));
  }

  /** Returns the private DNS name EC2 would give this address. */
  public String privateDnsName() {
    return "ip-" + privateIp.replace('.', '-') + ".ec2.internal";
  }

  /** Returns whether the Auto Scaling lifecycle is over or ending. */
  public boolean leaving() {
    return lifecycle == null || lifecycle.leaving();
  }
}
