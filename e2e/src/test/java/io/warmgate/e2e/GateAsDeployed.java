package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.core.port.GateListener.ActionFinished;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.Distribution;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.lambda.GateHandler;
import io.warmgate.lambda.GateMetrics;
import io.warmgate.lambda.GateRuntime;
import io.warmgate.lambda.LocalContext;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Runs a synthesized gate as deployed: an emulator holding the gate's access key to the role's
 * policy, handlers built from the function's environment in Lambda-like execution environments
 * (one per concurrent invocation, reused when idle) and invoked with its timeout, events
 * delivered only when a rule's pattern matches (some dropped on purpose), and the sweep fired at
 * the schedule's rate on the emulator's clock. The scenario is set up with an admin key.
 */
final class GateAsDeployed implements AutoCloseable {

  /** The access key the in-process Lambda signs with; the emulator binds the role's policy to it. */
  static final String GATE_KEY = "AKIAWARMGATEROLE";
  /**
   * Simulated seconds per real second. Each API call's real latency counts this many times over
   * against the function's 120-s budget and the hook's heartbeat timeout: at 10x a busy machine's
   * 100 ms call costs 1 s of them. A first boot plays in about 45 s.
   */
  static final double SPEED = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  final DeployedGate gate;
  final WarmPoolEmulator emulator;
  final AwsClients admin;
  private final Map<String, String> environment;
  private final java.util.Queue<GateHandler> idleEnvironments = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final List<GateRuntime> runtimes = new CopyOnWriteArrayList<>();
  private final GateMetrics metrics = new GateMetrics() {
    @Override
    public void actionFinished(ActionFinished f) {
      finished.add(f);
    }

    @Override
    public void gateError(String groupName) {
      gateErrors.add(groupName);
    }
  };
  final List<ActionFinished> finished = new CopyOnWriteArrayList<>();
  final List<String> gateErrors = new CopyOnWriteArrayList<>();
  final List<String> failedInvocations = new CopyOnWriteArrayList<>();
  final List<String> unsettled = new CopyOnWriteArrayList<>();
  final AtomicInteger eventsDelivered = new AtomicInteger();
  final AtomicInteger eventsDropped = new AtomicInteger();
  /** The instances whose launch-into-the-group event was dropped: only the sweep finds their wait. */
  final java.util.Set<String> intoGroupEventDropped = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final AtomicInteger sweeps = new AtomicInteger();
  private final ExecutorService invocations = Executors.newFixedThreadPool(6, r -> {
    Thread t = new Thread(r, "lambda-invocation");
    t.setDaemon(true);
    return t;
  });
  private final Random drops;
  private final double dropRate;
  private ScheduledFuture<?> sweepSchedule;

  /**
   * Starts the emulator and builds the handler.
   *
   * @param gate what the template says
   * @param dropRate the fraction of matching events never delivered (EventBridge is best effort)
   * @param environment changes to the function's environment, on top of the template's
   */
  GateAsDeployed(DeployedGate gate, double dropRate, Map<String, String> environment, long seed) {
    this.gate = gate;
    this.dropRate = dropRate;
    this.drops = new Random(seed);
    // The built-in Windows profile with a shorter first-boot setup, 5.5 to 7 minutes: still longer than
    // the hook's heartbeat timeout and the function's timeout (so heartbeats and hand-overs to the
    // sweep happen), well inside the deadline (so an abandoned instance is the gate's mistake).
    BootProfile windows = BootProfile.windows().withFirstBootSetup(
        Distribution.logNormal(Duration.ofMinutes(6), 0.1, Duration.ofSeconds(330), Duration.ofMinutes(7)),
        Duration.ofSeconds(20));
    this.emulator = WarmPoolEmulator.builder().speed(SPEED).seed(seed).region(DeployedGate.REGION)
        .accountId(DeployedGate.ACCOUNT).bootProfile(windows).defaultBootProfile("windows")
        .iamPolicy(GATE_KEY, gate.rolePolicyJson(), "the role policy of " + gate.stackName())
        .listener(this::onEvent)
        .start();
    this.admin = AwsClients.builder().endpoint(emulator.endpoint()).region(Region.of(DeployedGate.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("admin", "admin")))
        .build();

    Map<String, String> env = new HashMap<>(gate.environment());
    env.putAll(environment);
    env.put("AWS_REGION", DeployedGate.REGION);
    env.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", GATE_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", "e2e");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(gate.memoryMb()));
    this.environment = Map.copyOf(env);
    checkHandlerNamedByTemplate();
  }

  /**
   * An execution environment, as Lambda keeps them: its own runtime (clients, gate, caches), reused
   * by later invocations once idle; concurrent invocations each get their own.
   */
  private GateHandler environment() {
    GateHandler idle = idleEnvironments.poll();
    if (idle != null) {
      return idle;
    }
    AwsClients clients = AwsClients.builder().environment(environment).build();
    GateRuntime runtime = GateRuntime.create(environment, clients, emulator.clock().asJavaClock(), SPEED, metrics);
    runtimes.add(runtime);
    return new GateHandler(runtime);
  }

  /** The template's handler string must name the handler class and its method. */
  private void checkHandlerNamedByTemplate() {
    String[] parts = gate.handler().split("::");
    assertThat(parts).as("handler %s", gate.handler()).hasSize(2);
    try {
      Class<?> type = Class.forName(parts[0]);
      assertThat(RequestStreamHandler.class).isAssignableFrom(type);
      assertThat(type.getMethod(parts[1], java.io.InputStream.class, java.io.OutputStream.class,
          com.amazonaws.services.lambda.runtime.Context.class)).isNotNull();
      assertThat(type).isEqualTo(GateHandler.class);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("the template's handler " + gate.handler() + " does not exist", e);
    }
  }

  /**
   * Creates the group as the template does: a Windows launch template serving the hook's health
   * port, the group (with its hook when the template creates them together, else the hook right
   * after it, as CloudFormation orders them), then the warm pool. The sweep starts with the hook:
   * the template makes the hook wait for the rules.
   */
  void deployGroup(DeployedGate.Group group, int healthPort) {
    String lt = admin.ec2().createLaunchTemplate(r -> r.launchTemplateName(group.name() + "-lt")
            .launchTemplateData(d -> d.imageId("ami-0abcdef1234567890").instanceType("t3.medium"))
            .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE).tags(
                Tag.builder().key(BootProfile.TAG).value("windows").build(),
                Tag.builder().key(BootProfile.HEALTH_PORT_TAG).value(String.valueOf(healthPort)).build())))
        .launchTemplate().launchTemplateId();
    DeployedGate.Hook hook = gate.hook();
    admin.autoScaling().createAutoScalingGroup(r -> {
      r.autoScalingGroupName(group.name()).minSize(group.min()).maxSize(group.max())
          .launchTemplate(t -> t.launchTemplateId(lt).version("$Latest"));
      if (group.desired() != null) {
        r.desiredCapacity(group.desired());
      }
      if (gate.hookWithGroup()) {
        r.lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName(hook.name())
            .lifecycleTransition(hook.transition()).heartbeatTimeout(hook.heartbeatTimeout())
            .defaultResult(hook.defaultResult()).notificationMetadata(hook.notificationMetadata()).build());
      }
    });
    if (!gate.hookWithGroup()) {
      putHook(group.name());
    }
    startSweeps();
    admin.autoScaling().putWarmPool(r -> {
      r.autoScalingGroupName(group.name()).minSize(group.poolMin()).poolState(group.poolState());
      if (group.poolMaxPrepared() != null) {
        r.maxGroupPreparedCapacity(group.poolMaxPrepared());
      }
    });
  }

  /** Puts the template's launching hook on a group. */
  void putHook(String groupName) {
    DeployedGate.Hook hook = gate.hook();
    admin.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName(groupName).lifecycleHookName(hook.name())
        .lifecycleTransition(hook.transition()).heartbeatTimeout(hook.heartbeatTimeout())
        .defaultResult(hook.defaultResult()).notificationMetadata(hook.notificationMetadata()));
  }

  /** Fires the sweep at the schedule's rate on the emulator's clock, from one period from now. */
  void startSweeps() {
    if (sweepSchedule == null) {
      sweepSchedule = emulator.clock().scheduleAtFixedRate(gate.sweepRate(), gate.sweepRate(), () -> {
        sweeps.incrementAndGet();
        invokeAsync(scheduledEvent());
      });
    }
  }

  private void onEvent(String json) {
    JsonNode event;
    try {
      event = JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!gate.routes(event)) {
      return;
    }
    boolean drop;
    synchronized (drops) {
      drop = drops.nextDouble() < dropRate;
    }
    if (drop) {
      eventsDropped.incrementAndGet();
      JsonNode detail = event.path("detail");
      if ("AutoScalingGroup".equals(detail.path("Destination").asText())) {
        intoGroupEventDropped.add(detail.path("EC2InstanceId").asText());
      }
      return;
    }
    eventsDelivered.incrementAndGet();
    invokeAsync(json);
  }

  /** An asynchronous invocation, as EventBridge makes them: the caller does not wait. */
  private void invokeAsync(String payload) {
    invocations.execute(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      GateHandler handler = environment();
      try {
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out,
            new LocalContext(gate.stackName() + "-gate", gate.timeout(), emulator.clock().asJavaClock(), gate.memoryMb()));
        JsonNode summary = JSON.readTree(out.toByteArray());
        if (summary.path("kind").asText().equals("error")) {
          failedInvocations.add(summary.toString());
        }
      } catch (IOException | RuntimeException e) {
        failedInvocations.add(e.toString());
      } finally {
        idleEnvironments.add(handler);
      }
    });
  }

  private String scheduledEvent() {
    com.fasterxml.jackson.databind.node.ObjectNode event = JSON.createObjectNode().put("version", "0")
        .put("id", java.util.UUID.randomUUID().toString()).put("detail-type", "Scheduled Event")
        .put("source", "aws.events").put("account", DeployedGate.ACCOUNT)
        .put("time", emulator.clock().now().toString()).put("region", DeployedGate.REGION);
    event.putArray("resources").add("arn:aws:events:" + DeployedGate.REGION + ":" + DeployedGate.ACCOUNT + ":rule/"
        + gate.stackName() + "-sweep");
    event.putObject("detail");
    return event.toString();
  }

  @Override
  public void close() {
    if (sweepSchedule != null) {
      sweepSchedule.cancel(false);
    }
    invocations.shutdownNow();
    try {
      invocations.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runtimes.forEach(GateRuntime::close);
    admin.close();
    emulator.close();
  }
}
