package io.warmgate.core.doctor;

import java.util.Objects;

/**
 * One problem {@code warmgate doctor} found in a group.
 *
 * @param id stable kebab-case identifier, documented in docs/cli.md, e.g. {@code warm-pool-without-launching-hook}
 * @param severity how much it matters
 * @param summary one line saying what is wrong
 * @param detail what it means, with the numbers that led to it
 * @param fix what to change: an AWS CLI command, a CDK prop or a warmgate setting
 */
public record Finding(String id, Severity severity, String summary, String detail, String fix) {

  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(fix, "fix");
    if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("finding id must be kebab-case: " + id);
    }
  }
}
