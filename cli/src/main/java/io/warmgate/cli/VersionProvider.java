package io.warmgate.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar's manifest, falling back to "development" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = WarmgateCommand.class.getPackage().getImplementationVersion();
    return new String[] {"warmgate " + (v == null ? "(development build)" : v)};
  }
}
