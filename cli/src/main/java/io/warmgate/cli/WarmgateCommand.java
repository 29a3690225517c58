package io.warmgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root {@code warmgate} command: only dispatches to its subcommands. */
@Command(
    name = "warmgate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A readiness gate for EC2 Auto Scaling lifecycle hooks, with a local warm-pool emulator.",
    subcommands = {DemoCommand.class, RunCommand.class, EmulatorCommand.class, CheckCommand.class, DoctorCommand.class,
        HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (check: this round's probes passed)",
      "1:runtime failure (endpoint, AWS error, I/O)",
      "2:bad command line",
      "3:demo: stories did not end as expected; check: not ready yet",
      "4:check: the gate would ABANDON",
      "5:check: nothing to gate",
      "6:demo: the machine could not keep up with --speed, no results",
      "130:interrupted (Ctrl-C)",
      "143:terminated (SIGTERM; run shuts down gracefully first)"
    })
public final class WarmgateCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Read by {@link Main} before parsing; declared here so picocli accepts and documents it everywhere. */
  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
  boolean debug;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: demo, run, emulator, check, doctor or help");
  }
}
