package io.warmgate.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.cli.progress.ProgressRenderer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo at a small scale, end to end: real emulator, real SDK calls, real gates over the emulator's
 * clock. It asserts the story the demo tells, from its JSON output.
 */
class DemoStoryTest {

  @Test
  void withoutAHookThePoolBreaksAndWithWarmgateTheScaleOutIsServedFromThePool(@TempDir Path dir) throws Exception {
    DemoSettings settings = new DemoSettings(2, 100, 7, 1, 4, Duration.ofMinutes(8), 0.3, Duration.ofMinutes(20),
        Duration.ofMinutes(40), Duration.ofMinutes(15), 18090, dir.resolve("report.html"));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    DemoResult result = new Demo(settings, DemoGates.factory(),
        new ProgressRenderer(new PrintStream(progress, true, StandardCharsets.UTF_8), ProgressRenderer.Mode.JSON, false))
        .run();
    JsonNode json = new ObjectMapper().readTree(DemoOutput.json(result).toString());
    JsonNode noHook = json.get("stories").get(0);
    JsonNode warmgate = json.get("stories").get(2);

    assertThat(noHook.get("story").asText()).isEqualTo("no-hook");
    assertThat(noHook.get("corrupted").asInt()).isPositive();
    assertThat(noHook.get("scaledOut").asBoolean()).isFalse();
    assertThat(warmgate.get("story").asText()).isEqualTo("warmgate");
    assertThat(warmgate.get("corrupted").asInt()).isZero();
    assertThat(warmgate.get("scaledOut").asBoolean()).isTrue();
    // At least one of the 2 new instances comes from the pool; how many depends on how the accelerated
    // boots interleave with the scale-out on a loaded machine, so an exact count would flake.
    assertThat(warmgate.get("servedFromPool").asInt()).isBetween(1, 2);
    assertThat(warmgate.get("lifecycleCalls").asInt()).isPositive();
    assertThat(json.get("asExpected").asBoolean()).isTrue();
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("\"type\":\"progress\"");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("3. warmgate", "rect class=\"seg st-in-service\"");
    System.out.print(DemoOutput.table(result));
  }
}
