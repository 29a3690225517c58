package io.warmgate.lambda;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.emulator.WarmPoolEmulatorBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * An embedded emulator, a handler wired to it through an {@code AWS_ENDPOINT_URL}-style environment
 * (static test credentials, fixed region), and a capture of the JSON lines the handler prints.
 */
final class HandlerFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);

  final WarmPoolEmulator emulator;
  final List<String> events = new CopyOnWriteArrayList<>();
  final Map<String, String> env;
  final GateRuntime runtime;
  final GateHandler handler;

  HandlerFixture(UnaryOperator<WarmPoolEmulatorBuilder> tweaks, Map<String, String> extraEnv) {
    this(tweaks, extraEnv, GateMetrics.NONE);
  }

  HandlerFixture(UnaryOperator<WarmPoolEmulatorBuilder> tweaks, Map<String, String> extraEnv, GateMetrics metrics) {
    this.emulator = tweaks.apply(WarmPoolEmulator.builder().speed(5).seed(3L).defaultBootProfile("instant"))
        .listener(events::add).start();
    Map<String, String> e = new HashMap<>();
    e.put("AWS_REGION", "us-east-1");
    e.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
    e.put("AWS_ACCESS_KEY_ID", "test");
    e.put("AWS_SECRET_ACCESS_KEY", "test");
    e.put("WARMGATE_MANAGED_TAG", "none");
    e.put("WARMGATE_LAMBDA_SAFETY_MARGIN", "PT2S");
    e.putAll(extraEnv);
    this.env = Map.copyOf(e);
    AwsClients clients = AwsClients.builder().environment(env)
        .backoff(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(100)).build();
    this.runtime = GateRuntime.create(env, clients, emulator.clock().asJavaClock(), metrics);
    this.handler = new GateHandler(runtime);
  }

  /** The handler's response and the JSON log lines printed while it ran. */
  record Invocation(JsonNode response, List<JsonNode> lines) {
    List<JsonNode> lines(String event) {
      return lines.stream().filter(l -> event.equals(l.path("event").asText())).toList();
    }
  }

  Invocation invoke(String payload, Duration remaining) {
    return invoke(payload.getBytes(StandardCharsets.UTF_8), remaining);
  }

  Invocation invoke(byte[] payload, Duration remaining) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      handler.handleRequest(new ByteArrayInputStream(payload), out, new LocalContext("warmgate", remaining));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      System.setOut(original);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    original.print(printed);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : printed.split("\n")) {
      if (line.startsWith("{")) {
        try {
          lines.add(JSON.readTree(line));
        } catch (IOException e) {
          // not one of ours
        }
      }
    }
    try {
      return new Invocation(JSON.readTree(out.toByteArray()), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = HandlerFixture.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A launch template (instant boot), a group with desired 0, a stopped warm pool and a launching hook. */
  void groupWithWarmPool(String group, String hook, int poolSize) {
    groupWithWarmPool(group, hook, poolSize, Optional.of("{\"warmgate\":{\"http\":{\"path\":\"/health\"}}}"));
  }

  /** As {@link #groupWithWarmPool(String, String, int)}, with the hook's metadata given (or none). */
  void groupWithWarmPool(String group, String hook, int poolSize, Optional<String> hookMetadata) {
    var ec2 = runtime.clients.ec2();
    var asg = runtime.clients.autoScaling();
    String lt = ec2.createLaunchTemplate(r -> r.launchTemplateName(group + "-lt")
            .launchTemplateData(d -> d.imageId("ami-0abcdef1234567890").instanceType("t3.micro"))
            .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE).tags(
                Tag.builder().key(BootProfile.TAG).value("instant").build())))
        .launchTemplate().launchTemplateId();
    asg.createAutoScalingGroup(r -> r.autoScalingGroupName(group).minSize(0).maxSize(poolSize + 1).desiredCapacity(0)
        .launchTemplate(t -> t.launchTemplateId(lt).version("$Latest"))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName(hook)
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(300)
            .defaultResult("ABANDON").notificationMetadata(hookMetadata.orElse(null)).build()));
    asg.putWarmPool(r -> r.autoScalingGroupName(group).minSize(poolSize).maxGroupPreparedCapacity(poolSize)
        .poolState(WarmPoolState.STOPPED));
  }

  /** Waits for {@code n} lifecycle events and returns them. */
  List<String> awaitEvents(int n) {
    await().atMost(WAIT).until(() -> events.size() >= n);
    return List.copyOf(events.subList(0, n));
  }

  Optional<String> lifecycleState(String instanceId) {
    return runtime.clients.autoScaling().describeAutoScalingInstances(r -> r.instanceIds(instanceId))
        .autoScalingInstances().stream().findFirst().map(d -> d.lifecycleState());
  }

  static String instanceOf(String event) {
    try {
      return JSON.readTree(event).path("detail").path("EC2InstanceId").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    runtime.close();
    emulator.close();
  }
}
