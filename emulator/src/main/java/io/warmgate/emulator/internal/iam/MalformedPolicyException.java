package io.warmgate.emulator.internal.iam;

/** A policy document that cannot be evaluated; the message names its source and the field. */
public final class MalformedPolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  MalformedPolicyException(String source, String field, String problem) {
    super(source + ": " + field + " " + problem);
  }
}
