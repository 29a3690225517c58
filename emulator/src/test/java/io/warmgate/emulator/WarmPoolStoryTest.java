package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.warmgate.testing.EmulatedAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;

/** The whole warm-pool story through the real SDK: hold in the pool, stop, warm start with a new token. */
class WarmPoolStoryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private EmulatedAws s;

  @AfterEach
  void close() {
    if (s != null) {
      s.close();
    }
  }

  @Test
  void launchingHookHoldsPoolInstancesThenWarmStartGetsANewToken() throws Exception {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(300).seed(7L));
    String lt = s.launchTemplate("web", "linux", 18080);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(0).maxSize(4).desiredCapacity(0)
        .launchTemplate(t -> t.launchTemplateId(lt).version("$Latest"))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName("ready")
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(3600)
            .defaultResult("ABANDON").notificationMetadata("{\"port\":18080}").build()));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("web").minSize(2).maxGroupPreparedCapacity(2)
        .poolState(WarmPoolState.STOPPED));

    // Launch into the pool: held in Warmed:Pending:Wait, one EC2 -> WarmPool event each.
    await().atMost(WAIT).until(() -> s.pool("web").size() == 2
        && s.pool("web").stream().allMatch(i -> i.lifecycleState() == LifecycleState.WARMED_PENDING_WAIT));
    List<String> ids = s.pool("web").stream().map(Instance::instanceId).toList();
    await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> s.events.of(id).size() == 1));
    for (String id : ids) {
      JsonNode event = s.events.of(id).get(0);
      assertThat(event.path("detail-type").asText()).isEqualTo("EC2 Instance-launch Lifecycle Action");
      assertThat(event.path("detail").path("Origin").asText()).isEqualTo("EC2");
      assertThat(event.path("detail").path("Destination").asText()).isEqualTo("WarmPool");
      assertThat(event.path("detail").path("NotificationMetadata").asText()).isEqualTo("{\"port\":18080}");
      assertThat(event.path("resources").get(0).asText()).startsWith("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:");
    }
    // The instance really boots: its health endpoint answers 200 on its own loopback address.
    String firstIp = s.ec2().describeInstances(r -> r.instanceIds(ids.get(0))).reservations().get(0).instances().get(0)
        .privateIpAddress();
    assertThat(firstIp).startsWith("127.").isNotEqualTo("127.0.0.1");
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(WAIT).ignoreExceptions().until(() -> http.send(
        HttpRequest.newBuilder(URI.create("http://" + firstIp + ":18080/health")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

    // Completing by token lets the pool stop them.
    for (String id : ids) {
      String token = s.events.of(id).get(0).path("detail").path("LifecycleActionToken").asText();
      s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("ready")
          .lifecycleActionToken(token).lifecycleActionResult("CONTINUE"));
    }
    await().atMost(WAIT).until(() -> s.pool("web").stream()
        .allMatch(i -> i.lifecycleState() == LifecycleState.WARMED_STOPPED));
    assertThat(ids).allMatch(id -> s.ec2State(id).equals("stopped"));

    // Scale out: one instance warm-starts through Pending:Wait with a new token.
    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("web").desiredCapacity(1));
    await().atMost(WAIT).until(() -> s.inService("web").size() == 1);
    String started = s.inService("web").get(0).instanceId();
    assertThat(ids).contains(started);
    assertThat(s.lifecycleState(started).orElse(null)).isEqualTo("Pending:Wait");
    await().atMost(WAIT).until(() -> s.events.of(started).size() == 2);
    JsonNode second = s.events.of(started).get(1);
    assertThat(second.path("detail").path("Origin").asText()).isEqualTo("WarmPool");
    assertThat(second.path("detail").path("Destination").asText()).isEqualTo("AutoScalingGroup");
    assertThat(second.path("detail").path("LifecycleActionToken").asText())
        .isNotEqualTo(s.events.of(started).get(0).path("detail").path("LifecycleActionToken").asText());

    // The old token is dead; completing by instance id works.
    String oldToken = s.events.of(started).get(0).path("detail").path("LifecycleActionToken").asText();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.autoScaling().completeLifecycleAction(r -> r
            .autoScalingGroupName("web").lifecycleHookName("ready").lifecycleActionToken(oldToken)
            .lifecycleActionResult("CONTINUE")))
        .hasMessageContaining("No active Lifecycle Action found with token " + oldToken);
    s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("web").lifecycleHookName("ready")
        .instanceId(started).lifecycleActionResult("CONTINUE"));
    await().atMost(WAIT).until(() -> "InService".equals(s.lifecycleState(started).orElse(null)));
    assertThat(s.autoScaling().describeAutoScalingInstances(r -> r.instanceIds(started)).autoScalingInstances().get(0)
        .healthStatus()).isEqualTo("HEALTHY");

    // The pool refills to max(MinSize, MGPC - desired) = 2 with a fresh launch.
    await().atMost(WAIT).until(() -> s.pool("web").size() == 2);
    assertThat(s.emulator.instance(started).orElseThrow().corrupted()).isFalse();
    assertThat(s.emulator.timeline(started)).extracting(TimelineEntry::to)
        .containsSubsequence("Warmed:Pending", "Warmed:Pending:Wait", "Warmed:Pending:Proceed", "Warmed:Stopped",
            "Pending", "Pending:Wait", "Pending:Proceed", "InService");
  }

  @Test
  void aHibernatedPoolKeepsWindowsInstancesIntactWithoutAHook() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(9L));
    String lt = s.launchTemplate("hib", "windows", 18083);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("hib").minSize(0).maxSize(2).desiredCapacity(0)
        .launchTemplate(t -> t.launchTemplateId(lt)));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("hib").minSize(2).poolState(WarmPoolState.HIBERNATED));
    await().atMost(WAIT).until(() -> s.pool("hib").size() == 2
        && s.pool("hib").stream().allMatch(i -> i.lifecycleState() == LifecycleState.WARMED_HIBERNATED));
    assertThat(s.emulator.instances()).noneMatch(InstanceSnapshot::corrupted);
  }

  @Test
  void deletingThePoolWithoutForceDrainsItThroughTheTerminatingHook() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(10L));
    String lt = s.launchTemplate("drain", "instant", 18084);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("drain").minSize(0).maxSize(2).desiredCapacity(0)
        .launchTemplate(t -> t.launchTemplateId(lt))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName("bye")
            .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(7200).build()));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("drain").minSize(1).maxGroupPreparedCapacity(1));
    await().atMost(WAIT).until(() -> s.pool("drain").size() == 1
        && s.pool("drain").get(0).lifecycleState() == LifecycleState.WARMED_STOPPED);
    String id = s.pool("drain").get(0).instanceId();

    s.autoScaling().deleteWarmPool(r -> r.autoScalingGroupName("drain"));
    assertThat(s.autoScaling().describeWarmPool(r -> r.autoScalingGroupName("drain")).warmPoolConfiguration().statusAsString())
        .isEqualTo("PendingDelete");
    await().atMost(WAIT).until(() -> "Warmed:Terminating:Wait".equals(s.lifecycleState(id).orElse(null)));
    JsonNode event = s.events.of(id).get(0);
    assertThat(event.path("detail-type").asText()).isEqualTo("EC2 Instance-terminate Lifecycle Action");
    assertThat(event.path("detail").path("Origin").asText()).isEqualTo("WarmPool");
    assertThat(event.path("detail").path("Destination").asText()).isEqualTo("EC2");
    s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("drain").lifecycleHookName("bye").instanceId(id)
        .lifecycleActionResult("CONTINUE"));
    await().atMost(WAIT).until(() -> s.autoScaling().describeWarmPool(r -> r.autoScalingGroupName("drain"))
        .warmPoolConfiguration() == null);
    assertThat(s.ec2State(id)).isEqualTo("terminated");
    assertThat(s.emulator.timeline(id)).extracting(TimelineEntry::to).contains("Warmed:Terminated");
  }

  @Test
  void scaleInWithoutReuseWaitsInTerminatingWaitThenTerminates() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(12L));
    String lt = s.launchTemplate("scalein", "instant", 18085);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("in").minSize(0).maxSize(1).desiredCapacity(1)
        .launchTemplate(t -> t.launchTemplateId(lt))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName("drain")
            .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(7200).build()));
    await().atMost(WAIT).until(() -> s.inService("in").size() == 1
        && s.inService("in").get(0).lifecycleState() == LifecycleState.IN_SERVICE);
    String id = s.inService("in").get(0).instanceId();

    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("in").desiredCapacity(0));
    assertThat(s.lifecycleState(id).orElse(null)).isEqualTo("Terminating:Wait");
    ActionSnapshot action = s.emulator.activeActions().get(0);
    assertThat(action.instanceId()).isEqualTo(id);
    assertThat(action.origin()).isEqualTo("AutoScalingGroup");
    assertThat(action.destination()).isEqualTo("EC2");
    assertThat(action.globalDeadline()).isEqualTo(action.started().plusSeconds(172_800));
    await().atMost(WAIT).until(() -> s.events.of(id).size() == 1);
    assertThat(s.events.of(id).get(0).path("detail-type").asText()).isEqualTo("EC2 Instance-terminate Lifecycle Action");
    assertThat(s.events.of(id).get(0).path("detail").path("LifecycleActionToken").asText()).isEqualTo(action.token());

    s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("in").lifecycleHookName("drain")
        .lifecycleActionToken(action.token()).lifecycleActionResult("CONTINUE"));
    await().atMost(WAIT).until(() -> s.ec2State(id).equals("terminated"));
    assertThat(s.emulator.activeActions()).isEmpty();
    assertThat(s.inService("in")).isEmpty();
    assertThat(s.emulator.timeline(id)).extracting(TimelineEntry::to)
        .containsSubsequence("InService", "Terminating", "Terminating:Wait", "Terminating:Proceed", "Terminated");
  }
}
