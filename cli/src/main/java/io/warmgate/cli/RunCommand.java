package io.warmgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code warmgate run}: the daemon that gates the managed groups' launching lifecycle actions. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the gate as a daemon over the managed groups.")
public final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CliException("run is not wired yet in this build");
  }
}
