package io.warmgate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Sets up scenarios through the real SDK and records the lifecycle events they produce. */
final class Scenario implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final WarmPoolEmulator emulator;
  final AutoScalingClient asg;
  final Ec2Client ec2;
  final List<JsonNode> events = new CopyOnWriteArrayList<>();

  Scenario(WarmPoolEmulatorBuilder builder) {
    this.emulator = builder.listener(json -> {
      try {
        events.add(JSON.readTree(json));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }).start();
    this.asg = AwsClients.autoScaling(emulator);
    this.ec2 = AwsClients.ec2(emulator);
  }

  /** Creates a launch template with the given boot profile and health port. */
  String launchTemplate(String name, String profile, int healthPort) {
    return ec2.createLaunchTemplate(r -> r.launchTemplateName(name)
        .launchTemplateData(d -> d.imageId("ami-0abcdef1234567890").instanceType("t3.micro"))
        .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE).tags(
            Tag.builder().key(BootProfile.TAG).value(profile).build(),
            Tag.builder().key(BootProfile.HEALTH_PORT_TAG).value(String.valueOf(healthPort)).build())))
        .launchTemplate().launchTemplateId();
  }

  List<Instance> pool(String group) {
    return asg.describeWarmPool(r -> r.autoScalingGroupName(group)).instances();
  }

  List<Instance> inService(String group) {
    return asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(group)).autoScalingGroups().get(0).instances();
  }

  String lifecycle(String instanceId) {
    List<AutoScalingInstanceDetails> found =
        asg.describeAutoScalingInstances(r -> r.instanceIds(instanceId)).autoScalingInstances();
    return found.isEmpty() ? null : found.get(0).lifecycleState();
  }

  String ec2State(String instanceId) {
    return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0)
        .state().nameAsString();
  }

  List<JsonNode> events(String instanceId) {
    return events.stream().filter(e -> e.path("detail").path("EC2InstanceId").asText().equals(instanceId)).toList();
  }

  @Override
  public void close() {
    asg.close();
    ec2.close();
    emulator.close();
  }
}
