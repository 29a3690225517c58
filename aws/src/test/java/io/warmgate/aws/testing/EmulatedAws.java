package io.warmgate.aws.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.config.AwsClientsBuilder;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.emulator.WarmPoolEmulatorBuilder;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * An embedded {@link WarmPoolEmulator} plus real SDK clients built by {@link AwsClients} with static
 * credentials, a fixed region and the emulator's loopback endpoint; records every lifecycle event.
 */
public final class EmulatedAws implements AutoCloseable {

  /** Long enough for an accelerated emulator to launch and hold a few instances. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  private static final ObjectMapper JSON = new ObjectMapper();

  public final WarmPoolEmulator emulator;
  public final AwsClients clients;
  public final List<String> events = new CopyOnWriteArrayList<>();

  private EmulatedAws(WarmPoolEmulatorBuilder builder, UnaryOperator<AwsClientsBuilder> clientTweaks) {
    this.emulator = builder.listener(events::add).start();
    this.clients = clientTweaks.apply(clientsFor(emulator.endpoint())).build();
  }

  /** Starts an emulator at speed 300 with the instant boot profile as default. */
  public static EmulatedAws start() {
    return start(b -> b, c -> c);
  }

  /** Starts an emulator, letting the test adjust it and the clients. */
  public static EmulatedAws start(
      UnaryOperator<WarmPoolEmulatorBuilder> emulatorTweaks, UnaryOperator<AwsClientsBuilder> clientTweaks) {
    return new EmulatedAws(
        emulatorTweaks.apply(WarmPoolEmulator.builder().speed(300).seed(11L).defaultBootProfile("instant")),
        clientTweaks);
  }

  /** Clients for a loopback endpoint: static credentials, us-east-1, short backoff, never a default chain. */
  public static AwsClientsBuilder clientsFor(URI endpoint) {
    return AwsClients.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .endpoint(endpoint)
        .backoff(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(100));
  }

  /**
   * Creates a launch template, a group with desired 0, a warm pool of {@code poolSize} stopped
   * instances and a launching hook with the given metadata.
   */
  public void groupWithWarmPool(String group, String hook, int poolSize, String metadata) {
    String lt =
        clients.ec2().createLaunchTemplate(r -> r.launchTemplateName(group + "-lt")
                .launchTemplateData(d -> d.imageId("ami-0abcdef1234567890").instanceType("t3.micro"))
                .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE).tags(
                    Tag.builder().key(BootProfile.TAG).value("instant").build())))
            .launchTemplate().launchTemplateId();
    clients.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(group).minSize(0).maxSize(poolSize + 2)
        .desiredCapacity(0)
        .launchTemplate(t -> t.launchTemplateId(lt).version("$Latest"))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName(hook)
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(600)
            .defaultResult("ABANDON").notificationMetadata(metadata).build()));
    clients.autoScaling().putWarmPool(r -> r.autoScalingGroupName(group).minSize(poolSize)
        .maxGroupPreparedCapacity(poolSize).poolState(WarmPoolState.STOPPED));
  }

  /** Creates a group with no instances, no warm pool and no hooks. */
  public void emptyGroup(String group) {
    clients.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(group).minSize(0).maxSize(1)
        .desiredCapacity(0).availabilityZones("us-east-1a")
        .launchTemplate(t -> t.launchTemplateName(ensureTemplate()).version("$Latest")));
  }

  private String ensureTemplate() {
    String name = "plain-lt";
    if (clients.ec2().describeLaunchTemplates().launchTemplates().stream()
        .noneMatch(t -> name.equals(t.launchTemplateName()))) {
      clients.ec2().createLaunchTemplate(r -> r.launchTemplateName(name)
          .launchTemplateData(d -> d.imageId("ami-0abcdef1234567890").instanceType("t3.micro")));
    }
    return name;
  }

  /** Waits until the pool holds {@code n} instances in Warmed:Pending:Wait, each with its event; returns their ids. */
  public List<String> awaitWaitingInPool(String group, int n) {
    await().atMost(WAIT).until(() -> pool(group).stream()
        .filter(i -> "Warmed:Pending:Wait".equals(i.lifecycleStateAsString())).count() == n);
    List<String> ids = pool(group).stream().map(Instance::instanceId).toList();
    await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> event(id).isPresent()));
    return ids;
  }

  /** The warm pool's instances. */
  public List<Instance> pool(String group) {
    return clients.autoScaling().describeWarmPool(r -> r.autoScalingGroupName(group)).instances();
  }

  /** The instance's Auto Scaling lifecycle state, if it has one. */
  public Optional<String> lifecycleState(String instanceId) {
    return clients.autoScaling().describeAutoScalingInstances(r -> r.instanceIds(instanceId))
        .autoScalingInstances().stream().findFirst().map(d -> d.lifecycleState());
  }

  /** The latest lifecycle event emitted for an instance, raw. */
  public Optional<String> event(String instanceId) {
    String found = null;
    for (String e : events) {
      if (tree(e).path("detail").path("EC2InstanceId").asText().equals(instanceId)) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The token carried by the latest event of an instance. */
  public String token(String instanceId) {
    return tree(event(instanceId).orElseThrow()).path("detail").path("LifecycleActionToken").asText();
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    clients.close();
    emulator.close();
  }
}
