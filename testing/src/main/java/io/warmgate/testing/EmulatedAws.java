package io.warmgate.testing;

import static org.awaitility.Awaitility.await;

import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.emulator.WarmPoolEmulatorBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The one way a test starts an emulator: embedded, on loopback, with real SDK clients
 * ({@link LoopbackClients}) and a record of every lifecycle event it emits. {@link #group(String)} sets
 * up a group with its launch template, lifecycle hook and warm pool through those clients.
 */
public final class EmulatedAws implements AutoCloseable {

  /** Long enough for an accelerated emulator to launch and hold a few instances. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  /** An image id of the documented shape; the emulator accepts any. */
  public static final String IMAGE_ID = "ami-0abcdef1234567890";

  public final WarmPoolEmulator emulator;
  public final LifecycleEvents events = new LifecycleEvents();

  private final AutoScalingClient autoScaling;
  private final Ec2Client ec2;
  private final EventBridgeClient eventBridge;
  private final Deque<AutoCloseable> owned = new ArrayDeque<>();

  private EmulatedAws(WarmPoolEmulatorBuilder builder) {
    this.emulator = builder.listener(events::accept).start();
    this.autoScaling = LoopbackClients.autoScaling(emulator.endpoint());
    this.ec2 = LoopbackClients.ec2(emulator.endpoint());
    this.eventBridge = LoopbackClients.eventBridge(emulator.endpoint());
  }

  /** The defaults most tests want: speed 300, seed 11, instances that boot healthy at once. */
  public static WarmPoolEmulatorBuilder defaults() {
    return WarmPoolEmulator.builder().speed(300).seed(11L).defaultBootProfile("instant");
  }

  /** An emulator on {@link #defaults()}. */
  public static EmulatedAws start() {
    return start(defaults());
  }

  /** An emulator on {@link #defaults()} as the test adjusts them. */
  public static EmulatedAws start(UnaryOperator<WarmPoolEmulatorBuilder> tweaks) {
    return start(tweaks.apply(defaults()));
  }

  /** An emulator exactly as {@code builder} describes it (its listener is the fixture's). */
  public static EmulatedAws start(WarmPoolEmulatorBuilder builder) {
    return new EmulatedAws(builder);
  }

  public URI endpoint() {
    return emulator.endpoint();
  }

  public AutoScalingClient autoScaling() {
    return autoScaling;
  }

  public Ec2Client ec2() {
    return ec2;
  }

  public EventBridgeClient eventBridge() {
    return eventBridge;
  }

  /** Closes {@code resource} when the fixture closes, before the emulator: clients a test builds itself. */
  public <T extends AutoCloseable> T own(T resource) {
    owned.push(resource);
    return resource;
  }

  /** Creates a launch template whose instances boot as {@code bootProfile}; returns its id. */
  public String launchTemplate(String name, String bootProfile) {
    return launchTemplate(name, bootProfile, Optional.empty());
  }

  /** As {@link #launchTemplate(String, String)}, with the health endpoint's port on its instances. */
  public String launchTemplate(String name, String bootProfile, int healthPort) {
    return launchTemplate(name, bootProfile, Optional.of(healthPort));
  }

  private String launchTemplate(String name, String bootProfile, Optional<Integer> healthPort) {
    List<Tag> tags = healthPort
        .map(port -> List.of(tag(BootProfile.TAG, bootProfile), tag(BootProfile.HEALTH_PORT_TAG, String.valueOf(port))))
        .orElse(List.of(tag(BootProfile.TAG, bootProfile)));
    return ec2.createLaunchTemplate(r -> r.launchTemplateName(name)
            .launchTemplateData(d -> d.imageId(IMAGE_ID).instanceType("t3.micro"))
            .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE).tags(tags)))
        .launchTemplate().launchTemplateId();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  /** A group to set up: desired 0, a launch template of its own, and what the test adds. */
  public GroupSetup group(String name) {
    return new GroupSetup(this, name);
  }

  /**
   * A group with desired 0, a warm pool of {@code poolSize} stopped instances that boot healthy at once,
   * and a launching hook (heartbeat 600 s, default ABANDON) carrying {@code metadata}.
   */
  public void groupWithWarmPool(String group, String hook, int poolSize, String metadata) {
    group(group).launchingHook(hook, metadata).warmPool(poolSize).create();
  }

  /** Puts a stopped warm pool of {@code size} instances on the group (or resizes it). */
  public void warmPool(String group, int size) {
    autoScaling.putWarmPool(r -> r.autoScalingGroupName(group).minSize(size).maxGroupPreparedCapacity(size)
        .poolState(WarmPoolState.STOPPED));
  }

  /** A group with no instances, no warm pool and no hooks. */
  public void emptyGroup(String group) {
    autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName(group).minSize(0).maxSize(1)
        .desiredCapacity(0).availabilityZones("us-east-1a")
        .launchTemplate(t -> t.launchTemplateName(plainTemplate()).version("$Latest")));
  }

  private String plainTemplate() {
    String name = "plain-lt";
    if (ec2.describeLaunchTemplates().launchTemplates().stream().noneMatch(t -> name.equals(t.launchTemplateName()))) {
      ec2.createLaunchTemplate(r -> r.launchTemplateName(name)
          .launchTemplateData(d -> d.imageId(IMAGE_ID).instanceType("t3.micro")));
    }
    return name;
  }

  /** Waits until the pool holds {@code n} instances in Warmed:Pending:Wait, each with its event; returns their ids. */
  public List<String> awaitWaitingInPool(String group, int n) {
    await().atMost(WAIT).until(() -> pool(group).stream()
        .filter(i -> "Warmed:Pending:Wait".equals(i.lifecycleStateAsString())).count() == n);
    List<String> ids = pool(group).stream().map(Instance::instanceId).toList();
    await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> events.latest(id).isPresent()));
    return ids;
  }

  /** The warm pool's instances. */
  public List<Instance> pool(String group) {
    return autoScaling.describeWarmPool(r -> r.autoScalingGroupName(group)).instances();
  }

  /** The group's instances outside the warm pool. */
  public List<Instance> inService(String group) {
    return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(group)).autoScalingGroups().get(0)
        .instances();
  }

  /** The instance's Auto Scaling lifecycle state, if it has one. */
  public Optional<String> lifecycleState(String instanceId) {
    return autoScaling.describeAutoScalingInstances(r -> r.instanceIds(instanceId)).autoScalingInstances().stream()
        .findFirst().map(AutoScalingInstanceDetails::lifecycleState);
  }

  /**
   * The AWS error a call is refused with, for a test to assert its code, status and message.
   *
   * @throws AssertionError if the call succeeds
   */
  public static AwsServiceException awsError(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      return e;
    }
    throw new AssertionError("expected an AWS error");
  }

  /** The instance's EC2 state name. */
  public String ec2State(String instanceId) {
    return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0)
        .state().nameAsString();
  }

  @Override
  public void close() {
    while (!owned.isEmpty()) {
      try {
        owned.pop().close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a test resource failed", e);
      }
    }
    autoScaling.close();
    ec2.close();
    eventBridge.close();
    emulator.close();
  }
}
