package io.warmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine(args);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "run", "emulator", "check", "doctor"})
  void everySubcommandHasHelp(String command) {
    int code = run(command, "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Usage: warmgate " + command);
  }

  @Test
  void rootHelpListsCommandsAndExitCodes() {
    int code = run("--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("demo", "run", "emulator", "check", "Exit codes:");
  }

  @Test
  void anUnknownFlagIsAUsageErrorOnOneLine() {
    int code = run("demo", "--no-such-flag");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Unknown option: '--no-such-flag'").doesNotContain("at picocli");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("missing command");
  }

  @Test
  void aFailureIsOneLineWithoutStackTraceUnlessDebug() {
    Exception failure = new CliException("cannot reach http://127.0.0.1:1", new java.net.ConnectException("Connection refused"));

    assertThat(Main.oneLine(failure)).isEqualTo("cannot reach http://127.0.0.1:1: Connection refused");
  }

  @Test
  void aMalformedEndpointForCheckIsAUsageErrorLikeForRun() {
    // Regression: check let the builder's IllegalArgumentException escape as a runtime failure (exit 1),
    // while run reported the same mistake as a usage error (exit 2).
    int code = run("check", "--asg", "web", "--instance", "i-1", "--region", "us-east-1", "--endpoint-url", "ftp://127.0.0.1:1");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("endpoint").doesNotContain("at picocli");
  }

  /** Regression: "warmgate help" was an unknown command. */
  @Test
  void helpIsACommandToo() {
    assertThat(run("help")).isZero();
    assertThat(out.toString()).contains("Commands:", "demo", "check");
    out.getBuffer().setLength(0);

    assertThat(run("help", "run")).isZero();
    assertThat(out.toString()).contains("Usage: warmgate run");
  }

  /** Regression: the command list showed each description's first line, cut mid-sentence. */
  @Test
  void theCommandListShowsWholeOneLineSummaries() {
    run("--help");

    List<String> commandLines = out.toString().lines()
        .dropWhile(l -> !l.startsWith("Commands:")).skip(1).takeWhile(l -> !l.isBlank()).toList();
    assertThat(commandLines).hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(l -> assertThat(l.strip()).endsWith("."));
  }

  @Test
  void runHelpListsItsExitCodesIncludingSigterm() {
    run("run", "--help");

    assertThat(out.toString()).contains("Exit codes:", "143", "130");
  }

  /** Regression: --drop-events 2 answered "eventDropRate must be in [0, 1]", a name the user never typed. */
  @Test
  void aBadRateNamesTheFlag() {
    assertThat(run("emulator", "--drop-events", "2")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--drop-events must be a fraction from 0 to 1, got 2.0");
  }

  /**
   * Regression: an endpoint without a scheme gave a URISyntaxException text; doctor's --endpoint-url skipped the
   * converter the others use. Every command that calls AWS reads it through the one mixin.
   */
  @ParameterizedTest
  @ValueSource(strings = {"check --instance i-1", "doctor", "run"})
  void anEndpointWithoutASchemeGetsAHint(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--group", "web", "--region", "us-east-1", "--endpoint-url", "127.0.0.1:4566"));

    assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("did you mean http://127.0.0.1:4566?").doesNotContain("URISyntaxException");
  }

  @Test
  void aDemoFasterThanTheMachineCanMeanIsRefusedNamingTheFlag() {
    assertThat(run("demo", "--speed", "600")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--speed must be above 0 and at most 300").contains("got 600");
  }

  @Test
  void aZeroDurationIsSaidAsWritten() {
    assertThat(run("run", "--group", "web", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9",
        "--sweep-interval", "0s")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("got 0s").doesNotContain("PT0S");
  }
}
