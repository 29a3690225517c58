package io.warmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.testing.EmulatedAws;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code warmgate run} says at start about the groups it was given, and how it prints: a summary on a terminal
 * (a real pseudo-terminal, through util-linux {@code script}), JSON lines otherwise or with {@code --json}. The
 * daemon runs as its own process, as it ships.
 */
class RunCommandStartTest {

  private EmulatedAws aws;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void start() {
    aws = EmulatedAws.start(WarmPoolEmulator.builder().speed(1).seed(7));
    aws.group("nohook").maxSize(1).create();
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    aws.close();
  }

  @Test
  void aGroupThatDoesNotExistEndsTheRunAtStartWithExitFive() {
    StringWriter err = new StringWriter();
    String[] args = {"run", "--group", "nohook", "--group", "nosuchgroup", "--tag", "", "--no-listen",
        "--endpoint-url", aws.emulator.endpoint().toString(), "--region", "us-east-1"};
    CommandLine cmd = Main.commandLine(args);
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));

    int code = cmd.execute(args);

    assertThat(code).isEqualTo(ExitCodes.NOTHING_TO_GATE);
    assertThat(err.toString()).contains("warmgate: error: no such Auto Scaling group: nosuchgroup")
        .doesNotContain("nohook");
  }

  @Test
  void withoutATerminalItLogsJsonAndSaysOnceAtStartThatTheGroupHasNoHook(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out.log");
    start(out, List.of());

    await().atMost(Duration.ofSeconds(90)).until(() -> count(out, "\"event\":\"sweep\"") >= 2);

    List<String> lines = Files.readAllLines(out);
    assertThat(lines).allMatch(l -> l.startsWith("{\"time\":"));
    assertThat(lines).filteredOn(l -> l.contains("\"event\":\"no-hook\"")).singleElement().asString()
        .contains("\"level\":\"WARN\"", "group nohook has no launching hook");
  }

  @Test
  void onATerminalItPrintsASummaryLineForTheStartAndEachSweep(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("tty.log");
    startOnTerminal(out, List.of());

    await().atMost(Duration.ofSeconds(90)).until(() -> count(out, "sweep: 1 group") >= 3);

    String text = Files.readString(out);
    assertThat(text).doesNotContain("{\"time\"");
    assertThat(text).contains("WARN no-hook: group nohook has no launching hook", "started: sweeping every 1s");
    assertThat(count(out, "WARN group nohook has no launching hook")).as("a sweep's problem is said once").isEqualTo(1);
    assertThat(count(out, "(problems as before)")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void onATerminalJsonStaysWhenAskedFor(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("tty-json.log");
    startOnTerminal(out, List.of("--json"));

    await().atMost(Duration.ofSeconds(90)).until(() -> count(out, "\"event\":\"sweep\"") >= 1);

    assertThat(Files.readString(out)).contains("{\"time\":", "\"event\":\"no-hook\"").doesNotContain("sweep: 1 group");
  }

  private List<String> command(List<String> extra) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.warmgate.cli.Main",
        "run", "--group", "nohook", "--tag", "", "--endpoint-url", aws.emulator.endpoint().toString(),
        "--region", "us-east-1", "--no-listen", "--sweep-interval", "1s"));
    cmd.addAll(extra);
    return cmd;
  }

  private void start(Path out, List<String> extra) throws Exception {
    launch(new ProcessBuilder(command(extra)), out);
  }

  /** Runs the daemon on a pseudo-terminal: {@code script} gives the child a tty and copies what it prints to stdout. */
  private void startOnTerminal(Path out, List<String> extra) throws Exception {
    Optional<Path> script = onPath("script");
    Assumptions.assumeTrue(script.isPresent(), "util-linux script is not installed");
    String line = command(extra).stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    ProcessBuilder pb = new ProcessBuilder(script.get().toString(), "-qfec", line, "/dev/null");
    pb.environment().remove("NO_COLOR");
    pb.environment().put("TERM", "xterm");
    launch(pb, out);
  }

  private void launch(ProcessBuilder pb, Path out) throws Exception {
    pb.environment().put("AWS_ACCESS_KEY_ID", "test");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.environment().put("AWS_EMF_ENVIRONMENT", "Local");
    pb.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(out.resolveSibling(out.getFileName() + ".err").toFile()));
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    processes.add(pb.start());
  }

  private static long count(Path file, String text) throws Exception {
    return Files.readString(file).split(java.util.regex.Pattern.quote(text), -1).length - 1;
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    return path == null ? Optional.empty() : Stream.of(path.split(File.pathSeparator))
        .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
  }
}
