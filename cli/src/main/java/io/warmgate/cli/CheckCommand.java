package io.warmgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code warmgate check}: probes one instance once and prints what the gate would decide. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Probes one instance once and prints what the gate would decide and why.")
public final class CheckCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CliException("check is not wired yet in this build");
  }
}
