package io.warmgate.core.doctor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The findings for one group.
 *
 * @param group the group's name
 * @param findings what doctor found, worst first
 */
public record GroupReport(String group, List<Finding> findings) {

  public GroupReport {
    Objects.requireNonNull(group, "group");
    findings = List.copyOf(findings);
  }

  /** The most severe finding's severity, or empty when there is none. */
  public Optional<Severity> worst() {
    return findings.stream().map(Finding::severity).min(Enum::compareTo);
  }
}
