package io.warmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
  @ValueSource(strings = {"demo", "run", "emulator", "check"})
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
}
