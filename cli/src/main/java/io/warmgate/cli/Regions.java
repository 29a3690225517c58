package io.warmgate.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Insists on an explicit region, so the SDK never goes looking for one (profile files, instance metadata). */
final class Regions {

  private Regions() {}

  /**
   * Checks that a region is given by flag or environment.
   *
   * @throws ParameterException naming both ways to give one, if neither did
   */
  static void require(String flag, CommandSpec spec) {
    if (flag != null && !flag.isBlank()) {
      return;
    }
    for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String value = System.getenv(name);
      if (value != null && !value.isBlank()) {
        return;
      }
    }
    throw new ParameterException(spec.commandLine(), "no AWS region: give --region or set AWS_REGION");
  }
}
