package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.BootProfile;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Holds one simulated EC2 instance: its EC2 state, its Auto Scaling lifecycle state, its boot
 * progress and the lifecycle actions holding it. Guarded by the engine lock, except the volatile
 * health flags that the health endpoint reads.
 */
public final class SimInstance {
  public final String id;
  public final String reservationId;
  public final String privateIp;
  public final int healthPort;
  public final String availabilityZone;
  public final BootProfile profile;
  public final LaunchTemplate template;
  public final String imageId;
  public final String instanceType;
  public final long sequence;
  final Random random;

  public Group group;
  public String groupName;
  public String lifecycle;
  /** Null only until the launch sets it to pending. */
  public String ec2State;
  public String stateReason = "";
  public boolean warm;
  public boolean protectedFromScaleIn;
  public Instant launchTime;
  public final Map<String, String> tags = new LinkedHashMap<>();
  public boolean abandoned;
  /** Set when Auto Scaling's health check found it impaired; it is being replaced. */
  public boolean unhealthy;
  /** When EC2 reached terminated; EC2 forgets the instance an hour later. */
  public Instant terminatedAt;
  /** Active lifecycle actions by hook name. */
  final Map<String, LifecycleAction> actions = new LinkedHashMap<>();

  int bootGen;
  boolean setupDone;
  public volatile boolean osUp;
  public volatile boolean ready;
  public volatile boolean corrupted;
  volatile Object healthChannel;

  SimInstance(String id, String reservationId, String privateIp, int healthPort, String az,
      BootProfile profile, LaunchTemplate template, long sequence, Random random) {
    this.id = id;
    this.reservationId = reservationId;
    this.privateIp = privateIp;
    this.healthPort = healthPort;
    this.availabilityZone = az;
    this.profile = profile;
    this.template = template;
    this.imageId = template != null && template.imageId != null ? template.imageId : "ami-0123456789abcdef0";
    this.instanceType = template != null && template.instanceType != null ? template.instanceType : "t3.micro";
    this.sequence = sequence;
    this.random = random;
  }

  /** Returns whether the health endpoint answers 200 now. */
  public boolean healthy() {
    return ready && !corrupted;
  }

  /** Returns the EC2 state code for the current state name. */
  public int stateCode() {
    return switch (ec2State) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      case "stopping" -> 64;
      case "stopped" -> 80;
      default -> throw new IllegalStateException(ec2State);
    };
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
    return lifecycle == null || lifecycle.contains("Terminat") || lifecycle.equals("Detached");
  }
}
