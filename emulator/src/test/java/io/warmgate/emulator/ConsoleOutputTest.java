package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warmgate.testing.EmulatedAws;
import io.warmgate.testing.LoopbackClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;

/** GetConsoleOutput as the boot profiles write it: EC2Launch's lines, buffered posting, output kept across boots. */
class ConsoleOutputTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** A short Windows-like profile: 60 s setup, 30 s to save state. */
  private static final BootProfile SHORT_WINDOWS = ShortWindows.profile(Duration.ofSeconds(30));
  private EmulatedAws s;

  @AfterEach
  void close() {
    if (s != null) {
      s.close();
    }
  }

  private static String text(GetConsoleOutputResponse r) {
    return r.output() == null ? "" : new String(Base64.getDecoder().decode(r.output()), StandardCharsets.UTF_8);
  }

  private List<String> pool(String hookName) {
    s.launchTemplate("win", "short-windows", 18083);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("win").minSize(0).maxSize(2).desiredCapacity(0)
        .launchTemplate(t -> t.launchTemplateName("win"))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName(hookName)
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(600).build()));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("win").minSize(2));
    await().atMost(WAIT).until(() -> s.pool("win").size() == 2);
    return s.pool("win").stream().map(Instance::instanceId).toList();
  }

  @Test
  void windowsWritesSysprepStatesThenTheReadyLineAndTheBufferedViewPostsItLater() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(60).seed(7L).bootProfile(SHORT_WINDOWS)
        .consolePostDelay(Duration.ofSeconds(120)));
    String id = pool("ready").get(0);

    await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> text(s.ec2().getConsoleOutput(r -> r.instanceId(id).latest(true))).contains("SysprepState is IMAGE_STATE_UNDEPLOYABLE"));
    assertThat(text(s.ec2().getConsoleOutput(r -> r.instanceId(id).latest(true)))).doesNotContain("Ready to use");

    await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> s.emulator.timeline(id).stream().anyMatch(e -> e.to().equals("console-ready")));
    String latest = text(s.ec2().getConsoleOutput(r -> r.instanceId(id).latest(true)));
    assertThat(latest).containsSubsequence("Windows is being configured", "Windows sysprep configuration complete.",
        "Message: Windows is Ready to use");
    assertThat(latest).matches("(?s)\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}Z: Windows is being configured.*");
    // Without Latest, the line shows up only after the post delay (120 simulated s; 2 s here).
    assertThat(text(s.ec2().getConsoleOutput(r -> r.instanceId(id)))).doesNotContain("Ready to use");
    await().atMost(WAIT).until(() -> text(s.ec2().getConsoleOutput(r -> r.instanceId(id))).contains("Ready to use"));
  }

  @Test
  void aStopKeepsTheEarlierBootsOutputAndAWarmStartWritesTheReadyLineAgain() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(60).seed(8L).bootProfile(SHORT_WINDOWS));
    List<String> ids = pool("ready");
    String id = ids.get(0);
    String other = ids.get(1);
    await().atMost(WAIT).until(() -> s.emulator.timeline(id).stream().anyMatch(e -> e.to().equals("setup-saved"))
        && s.emulator.timeline(other).stream().anyMatch(e -> e.to().equals("setup-saved")));
    for (String i : ids) {
      s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("win").lifecycleHookName("ready").instanceId(i)
          .lifecycleActionResult("CONTINUE"));
    }
    await().atMost(WAIT).until(() -> s.pool("win").stream().allMatch(i -> i.lifecycleState() == LifecycleState.WARMED_STOPPED));
    String stopped = text(s.ec2().getConsoleOutput(r -> r.instanceId(id)));
    assertThat(stopped).as("the stop posts the boot's output, and it stays").contains("Message: Windows is Ready to use");

    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("win").desiredCapacity(1));
    await().atMost(WAIT).until(() -> s.emulator.timeline().stream()
        .filter(e -> e.to().equals("console-ready")).count() == 3);
    String started = s.emulator.timeline().stream().filter(e -> e.to().equals("console-ready")).reduce((a, b) -> b)
        .orElseThrow().instanceId();
    String second = text(s.ec2().getConsoleOutput(r -> r.instanceId(started).latest(true)));
    assertThat(second.split("Message: Windows is Ready to use", -1)).as("one ready line per boot").hasSize(3);
    assertThat(second.indexOf("SysprepState")).isLessThan(second.indexOf("Ready to use"));
  }

  @Test
  void anInstanceStoppedMidSetupShowsItsSysprepStateAtEveryLaterBoot() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(60).seed(9L).bootProfile(SHORT_WINDOWS));
    String lt = s.launchTemplate("win", "short-windows", 18084);
    // No hook: Auto Scaling stops the pool instance as soon as it runs, mid-setup.
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("win").minSize(0).maxSize(1).desiredCapacity(0)
        .launchTemplate(t -> t.launchTemplateId(lt)));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("win").minSize(1));
    await().atMost(WAIT).until(() -> s.pool("win").size() == 1 && s.pool("win").get(0).lifecycleState() == LifecycleState.WARMED_STOPPED);
    String id = s.pool("win").get(0).instanceId();
    assertThat(s.emulator.instance(id).orElseThrow().corrupted()).isTrue();

    s.ec2().startInstances(r -> r.instanceIds(id));
    await().atMost(WAIT).until(() -> s.emulator.timeline(id).stream().filter(e -> e.to().equals("os-up")).count() == 1);
    await().atMost(WAIT).until(() -> text(s.ec2().getConsoleOutput(r -> r.instanceId(id).latest(true)))
        .contains("Windows is still being configured. 'SysprepState is IMAGE_STATE_UNDEPLOYABLE'"));
    assertThat(text(s.ec2().getConsoleOutput(r -> r.instanceId(id).latest(true)))).doesNotContain("Ready to use");
  }

  @Test
  void latestIsRefusedOnXenTypesAndAnUnknownInstanceIsNotFound() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(60).seed(10L));
    s.ec2().createLaunchTemplate(r -> r.launchTemplateName("old").launchTemplateData(d -> d.imageId("ami-0123456789abcdef0").instanceType("t2.micro")));
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("old").minSize(1).maxSize(1).desiredCapacity(1)
        .launchTemplate(t -> t.launchTemplateName("old")));
    await().atMost(WAIT).until(() -> s.inService("old").size() == 1);
    String id = s.inService("old").get(0).instanceId();

    assertThatThrownBy(() -> s.ec2().getConsoleOutput(r -> r.instanceId(id).latest(true)))
        .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation"));
    assertThat(s.ec2().getConsoleOutput(r -> r.instanceId(id)).instanceId()).isEqualTo(id);
    assertThatThrownBy(() -> s.ec2().getConsoleOutput(r -> r.instanceId("i-0123456789abcdef0")))
        .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
  }

  @Test
  void iamGrantsGetConsoleOutputOnTheInstanceArn() {
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:GetConsoleOutput\","
        + "\"Resource\":\"arn:aws:ec2:us-east-1:123456789012:instance/i-00000000000000001\"}]}";
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(60).seed(11L).iamPolicy("AKIAGATE", policy, "test"));
    s.launchTemplate("lin", "instant", 18085);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("lin").minSize(1).maxSize(1).desiredCapacity(1)
        .launchTemplate(t -> t.launchTemplateName("lin")));
    await().atMost(WAIT).until(() -> s.inService("lin").size() == 1);
    String id = s.inService("lin").get(0).instanceId();
    try (Ec2Client gate = LoopbackClients.ec2(s.emulator.endpoint(), "AKIAGATE")) {
      assertThatThrownBy(() -> gate.getConsoleOutput(r -> r.instanceId(id)))
          .isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorMessage()).contains("ec2:GetConsoleOutput");
          });
    }
    String any = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:GetConsoleOutput\","
        + "\"Resource\":\"arn:aws:ec2:us-east-1:123456789012:instance/*\"}]}";
    s.close();
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(60).seed(11L).iamPolicy("AKIAGATE", any, "test"));
    s.launchTemplate("lin", "instant", 18085);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("lin").minSize(1).maxSize(1).desiredCapacity(1)
        .launchTemplate(t -> t.launchTemplateName("lin")));
    await().atMost(WAIT).until(() -> s.inService("lin").size() == 1
        && s.emulator.timeline(s.inService("lin").get(0).instanceId()).stream().anyMatch(e -> e.to().equals("console-ready")));
    String id2 = s.inService("lin").get(0).instanceId();
    try (Ec2Client gate = LoopbackClients.ec2(s.emulator.endpoint(), "AKIAGATE")) {
      assertThat(text(gate.getConsoleOutput(r -> r.instanceId(id2).latest(true)))).contains("Cloud-init v. 23.4.4 finished at");
    }
  }
}
