package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.emulator.TimelineEntry;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.testing.EmulatedAws;
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

/**
 * {@code warmgate run} as a real process, stopped by a real SIGTERM in the middle of a wait: it exits
 * after handing the action over, sends no completion on the way out, and the next run finishes the
 * action well before the deadline. The emulator runs at real speed because the process reads the system
 * clock.
 */
class RunCommandSigtermTest {

  private EmulatedAws aws;
  private WarmPoolEmulator emulator;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void start() {
    aws = EmulatedAws.start(WarmPoolEmulator.builder().speed(1).seed(5).healthPort(18083));
    emulator = aws.emulator;
    aws.group("web").maxSize(1).launchingHook("ready", "{\"warmgate\":{\"http\":{\"port\":18083,\"path\":\"/health\"}}}")
        .heartbeatSeconds(300).create();
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    aws.close();
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
    aws.warmPool("web", 1);
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
