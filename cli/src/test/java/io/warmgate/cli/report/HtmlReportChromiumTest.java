package io.warmgate.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report in headless Chromium and checks what a browser actually drew: the timelines' rects
 * exist in the live DOM and the page's own script ran without errors. Skipped when Chromium is absent,
 * except under CI ({@code CI=true}, as .ci/run runs), where a missing Chromium is a failure: CI installs
 * it, so its absence means a broken install, not a machine without a browser.
 */
class HtmlReportChromiumTest {

  private static final List<String> CANDIDATES =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

  @Test
  void chromiumDrawsEveryTimelineWithoutScriptErrors(@TempDir Path dir) throws Exception {
    Path chromium = CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    if (chromium == null && underCi(System.getenv("CI"))) {
      throw new AssertionError("headless Chromium not installed under CI: .ci/run installs it (apt-get install -y chromium)");
    }
    assumeTrue(chromium != null, "headless Chromium not installed (apt-get install -y chromium); skipping");
    Path page = new HtmlReportRenderer().write(SampleReports.twoStories(), dir.resolve("report.html"));

    List<String> command = new ArrayList<>(List.of(
        chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
        "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=2000", "--dump-dom",
        page.toUri().toString()));
    Process process = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("dom.html").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    boolean finished = process.waitFor(90, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(finished).as("chromium finished within 90 s").isTrue();
    String dom = Files.readString(dir.resolve("dom.html"), StandardCharsets.UTF_8);
    String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);

    assertThat(dom).as("the page's script ran to the end (chromium stderr: %s)", stderr)
        .contains("data-report=\"ok\"");
    assertThat(dom).contains("data-segments=\"11\"");
    assertThat(Pattern.compile("<rect class=\"seg st-").matcher(dom).results().count()).isEqualTo(11);
    assertThat(dom).containsPattern("<div id=\"js-errors\" hidden=\"[^\"]*\"></div>");
    assertThat(stderr).doesNotContainPattern("(?i)CONSOLE\\(\\d+\\).*(Uncaught|Error)");
  }

  /** CI systems set CI to true (or 1); anything else, or nothing, is a developer's machine. */
  static boolean underCi(String value) {
    return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
  }

  @Test
  void onlyATrueCiVariableMakesAMissingChromiumAFailure() {
    assertThat(underCi("true")).isTrue();
    assertThat(underCi("TRUE")).isTrue();
    assertThat(underCi("1")).isTrue();
    assertThat(underCi(null)).isFalse();
    assertThat(underCi("false")).isFalse();
    assertThat(underCi("")).isFalse();
  }
}
