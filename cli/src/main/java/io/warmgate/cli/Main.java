package io.warmgate.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;

/**
 * Starts {@code warmgate}: parses the command line, runs the subcommand and maps failures to one clear
 * line on stderr and a documented exit code ({@link ExitCodes}).
 */
public final class Main {

  private Main() {}

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code, without exiting (for tests). */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** Builds the configured picocli command line; {@code args} only decides whether {@code --debug} is on. */
  public static CommandLine commandLine(String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cmd = new CommandLine(new WarmgateCommand());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler(executionHandler(debug));
    cmd.setParameterExceptionHandler(parameterHandler());
    return cmd;
  }

  private static IExecutionExceptionHandler executionHandler(boolean debug) {
    return (ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      Throwable shown = ex;
      int code = ExitCodes.FAILURE;
      if (ex instanceof CliException cli) {
        code = cli.exitCode();
      } else if (ex instanceof InterruptedException) {
        code = ExitCodes.INTERRUPTED;
      }
      err.println("warmgate: error: " + oneLine(shown));
      if (debug) {
        ex.printStackTrace(err);
      } else {
        err.println("warmgate: run again with --debug for the stack trace");
      }
      err.flush();
      return code;
    };
  }

  private static IParameterExceptionHandler parameterHandler() {
    return (ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println("warmgate: " + ex.getMessage());
      err.println("warmgate: see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
      err.flush();
      return ExitCodes.USAGE;
    };
  }

  /** The failure's message and its causes' messages on one line, without class names where messages exist. */
  static String oneLine(Throwable t) {
    StringBuilder line = new StringBuilder();
    Throwable current = t;
    int depth = 0;
    while (current != null && depth < 4) {
      String msg = current.getMessage();
      if (msg == null || msg.isBlank()) {
        msg = current.getClass().getSimpleName();
      }
      msg = msg.replaceAll("\\s+", " ").trim();
      if (line.indexOf(msg) < 0) {
        if (line.length() > 0) {
          line.append(": ");
        }
        line.append(msg);
      }
      current = current.getCause() == current ? null : current.getCause();
      depth++;
    }
    return line.toString();
  }
}
