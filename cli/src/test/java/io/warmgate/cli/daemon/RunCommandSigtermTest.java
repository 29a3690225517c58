package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.TimelineEntry;
import io.warmgate.emulator.WarmPoolEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code warmgate run} as a real process, stopped by a real SIGTERM in the middle of a wait: it exits
 * after handing the action over, sends no completion on the way out, and the next run finishes the
 * action well before the deadline. The emulator runs at real speed because the process reads the system
 * clock.
 */
class RunCommandSigtermTest {

  private WarmPoolEmulator emulator;
  private AwsClients clients;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void start() {
    emulator = WarmPoolEmulator.builder().speed(1).seed(5).healthPort(18083).start();
    clients = AwsClients.builder().endpoint(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    String lt = clients.ec2().createLaunchTemplate(r -> r.launchTemplateName("sigterm-template")
            .launchTemplateData(d -> d.imageId("ami-12345678").instanceType("t3.micro"))
            .tagSpecifications(t -> t.resourceType(ResourceType.LAUNCH_TEMPLATE).tags(
                Tag.builder().key(BootProfile.TAG).value("instant").build())))
        .launchTemplate().launchTemplateId();
    clients.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(0).maxSize(1)
        .desiredCapacity(0).launchTemplate(t -> t.launchTemplateId(lt).version("$Latest"))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName("ready")
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(300).defaultResult("ABANDON")
            .notificationMetadata("{\"warmgate\":{\"http\":{\"port\":18083,\"path\":\"/health\"}}}").build()));
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    clients.close();
    emulator.close();
  }

  private Process run(Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.warmgate.cli.Main",
        "run", "--group", "web", "--tag", "", "--endpoint-url", emulator.endpoint().toString(), "--region", "us-east-1",
        "--no-listen", "--sweep-interval", "1s", "--shutdown-grace", "10s")
        .redirectOutput(log.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(log.resolveSibling(log.getFileName() + ".err").toFile()));
    // Quick rounds and a long streak, so that the run is certainly mid-wait when it is stopped.
    pb.environment().put("WARMGATE_INTERVAL", "PT1S");
    pb.environment().put("WARMGATE_CONSECUTIVE", "8");
    pb.environment().put("WARMGATE_SETTLE", "PT0S");
    pb.environment().put("AWS_ACCESS_KEY_ID", "test");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  @Test
  void sigtermMidWaitExitsCleanlyAndTheNextRunFinishesTheAction(@TempDir Path dir) throws Exception {
    Path firstLog = dir.resolve("first.log");
    Process first = run(firstLog);
    clients.autoScaling().putWarmPool(r -> r.autoScalingGroupName("web").minSize(1).poolState(WarmPoolState.STOPPED));
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(firstLog).contains("consecutive passes"));

    first.destroy(); // SIGTERM
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();

    String log = Files.readString(firstLog);
    assertThat(log).contains("\"event\":\"stopping\"", "\"outcome\":\"HANDED_OVER\"", "nothing half-sent");
    assertThat(completions()).as("no completion was sent on the way out").isEmpty();

    Path secondLog = dir.resolve("second.log");
    Process second = run(secondLog);
    await().atMost(Duration.ofSeconds(60)).until(() -> !completions().isEmpty());
    second.destroy();
    second.waitFor(30, TimeUnit.SECONDS);

    assertThat(completions()).extracting(TimelineEntry::to).containsExactly("CONTINUE ready");
    assertThat(Files.readString(secondLog)).contains("\"outcome\":\"CONTINUED\"");
  }

  private List<TimelineEntry> completions() {
    return emulator.timeline().stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.ACTION
            && (e.to().startsWith("CONTINUE") || e.to().startsWith("ABANDON") || e.to().startsWith("expired")))
        .toList();
  }
}
