package io.warmgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code warmgate emulator}: runs the warm-pool emulator standalone. */
@Command(name = "emulator", mixinStandardHelpOptions = true, description = "Runs the local Auto Scaling + EC2 emulator standalone.")
public final class EmulatorCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new CliException("emulator is not wired yet in this build");
  }
}
