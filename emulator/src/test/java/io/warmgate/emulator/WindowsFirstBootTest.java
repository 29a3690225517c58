package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import software.amazon.awssdk.services.ec2.model.InstanceStatus;

/** The incident: Windows instances stopped during first-boot setup never become healthy again. */
class WindowsFirstBootTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** A short Windows-like profile: 60 s setup, healthy 5 s after it, 120 s to save state. */
  private static final BootProfile SHORT_WINDOWS = ShortWindows.profile(Duration.ofSeconds(120));
  private EmulatedAws s;

  @AfterEach
  void close() {
    if (s != null) {
      s.close();
    }
  }

  @Test
  void withoutAHookWindowsPoolInstancesAreStoppedMidSetupNeverBecomeHealthyAndGetReplaced() throws Exception {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(60).seed(3L));
    String lt = s.launchTemplate("win", "windows", 18081);
    // The grace period delays the failing status check by 5 simulated minutes (5 s here), real
    // slack for the checks below on a loaded machine.
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("win").minSize(0).maxSize(3).desiredCapacity(0)
        .healthCheckGracePeriod(300).launchTemplate(t -> t.launchTemplateId(lt)));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("win").minSize(3));

    await().atMost(WAIT).until(() -> s.pool("win").size() == 3
        && s.pool("win").stream().allMatch(i -> i.lifecycleState() == LifecycleState.WARMED_STOPPED));
    List<String> ids = s.pool("win").stream().map(Instance::instanceId).toList();
    assertThat(ids).allSatisfy(id -> assertThat(s.emulator.instance(id).orElseThrow().corrupted()).isTrue());
    assertThat(s.events.all()).isEmpty();

    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("win").desiredCapacity(1));
    await().atMost(WAIT).until(() -> s.inService("win").size() == 1);
    String id = s.inService("win").get(0).instanceId();
    assertThat(ids).contains(id);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> s.emulator.timeline(id).stream().anyMatch(e -> e.to().equals("os-up")));
    // The OS answers, the application never does, and EC2 reports the instance impaired.
    String ip = s.emulator.instance(id).orElseThrow().privateIp();
    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + ip + ":18081/")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(503);
    InstanceStatus status = s.ec2().describeInstanceStatus(r -> r.instanceIds(id)).instanceStatuses().get(0);
    assertThat(status.instanceStatus().statusAsString()).isEqualTo("impaired");

    // Auto Scaling's health check fails it and replaces it, from the (equally broken) pool.
    await().atMost(WAIT).until(() -> s.ec2State(id).equals("terminated"));
    assertThat(s.emulator.timeline(id)).extracting(TimelineEntry::to).contains("unhealthy", "Terminated");
    await().atMost(WAIT).until(() -> s.inService("win").size() == 1 && !s.inService("win").get(0).instanceId().equals(id));
    assertThat(ids).contains(s.inService("win").get(0).instanceId());
  }

  @Test
  void stoppingWhenHealthyButBeforeEc2LaunchSavedItsStateStillCorrupts() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(60).seed(5L).bootProfile(SHORT_WINDOWS));
    String lt = s.launchTemplate("win", "short-windows", 18082);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("win").minSize(0).maxSize(2).desiredCapacity(0)
        .launchTemplate(t -> t.launchTemplateId(lt))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName("ready")
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(600).build()));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("win").minSize(2));
    await().atMost(WAIT).until(() -> s.pool("win").size() == 2);
    List<String> ids = s.pool("win").stream().map(Instance::instanceId).toList();
    String hasty = ids.get(0);
    String patient = ids.get(1);

    // The hasty gate completes as soon as health says 200: inside the save-state window (115 s).
    await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
        .until(() -> s.emulator.instance(hasty).orElseThrow().healthy());
    s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("win").lifecycleHookName("ready").instanceId(hasty)
        .lifecycleActionResult("CONTINUE"));
    // The patient gate waits until the state is saved (a settle delay).
    await().atMost(WAIT).until(() -> s.emulator.timeline(patient).stream().anyMatch(e -> e.to().equals("setup-saved")));
    s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("win").lifecycleHookName("ready").instanceId(patient)
        .lifecycleActionResult("CONTINUE"));

    await().atMost(WAIT).until(() -> s.pool("win").stream()
        .allMatch(i -> i.lifecycleState() == LifecycleState.WARMED_STOPPED));
    assertThat(s.emulator.instance(hasty).orElseThrow().corrupted()).isTrue();
    assertThat(s.emulator.instance(patient).orElseThrow().corrupted()).isFalse();
  }
}
