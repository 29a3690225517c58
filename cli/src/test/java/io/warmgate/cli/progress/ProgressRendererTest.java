package io.warmgate.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private static StoryProgress story(String name, int inService, Duration elapsed) {
    return new StoryProgress(name, "scale-out", elapsed, inService, 4, 6, 1, 0, 0, 12, false);
  }

  @Test
  void plainModePrintsALineOnlyWhenTheNumbersChange() {
    ProgressRenderer renderer = new ProgressRenderer(out, ProgressRenderer.Mode.PLAIN, true);

    renderer.update(List.of(story("warmgate", 1, Duration.ofSeconds(10))));
    renderer.update(List.of(story("warmgate", 1, Duration.ofSeconds(20))));
    renderer.update(List.of(story("warmgate", 2, Duration.ofSeconds(30))));

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(2);
    assertThat(text).contains("InService  2/4").doesNotContain("\u001b[");
  }

  @Test
  void ttyModeRedrawsTheSameLinesInPlace() {
    ProgressRenderer renderer = new ProgressRenderer(out, ProgressRenderer.Mode.TTY, false);

    renderer.update(List.of(story("a", 1, Duration.ZERO), story("b", 1, Duration.ZERO)));
    renderer.update(List.of(story("a", 2, Duration.ofSeconds(1)), story("b", 2, Duration.ofSeconds(1))));

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("\u001b[2F").contains("\u001b[2K");
    assertThat(text).doesNotContain("\u001b[31m");
  }

  @Test
  void ttyModeColoursOnlyWhenAsked() {
    ProgressRenderer renderer = new ProgressRenderer(out, ProgressRenderer.Mode.TTY, true);

    renderer.update(List.of(new StoryProgress("a", "scale-out", Duration.ZERO, 0, 4, 0, 0, 3, 0, 0, false)));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\u001b[31m");
  }

  @Test
  void jsonModePrintsOneObjectPerChange() throws Exception {
    ProgressRenderer renderer = new ProgressRenderer(out, ProgressRenderer.Mode.JSON, true);

    renderer.update(List.of(story("warmgate", 3, Duration.ofSeconds(75))));
    renderer.message("done");

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("type").asText()).isEqualTo("progress");
    assertThat(first.get("inService").asInt()).isEqualTo(3);
    assertThat(first.get("elapsedSeconds").asLong()).isEqualTo(75);
    assertThat(new ObjectMapper().readTree(lines.get(1)).get("message").asText()).isEqualTo("done");
  }
}
