package io.warmgate.core.policy;

import java.util.Objects;

/**
 * A configuration setting is unknown or its value is invalid. The message names the source (e.g. {@code
 * NotificationMetadata of hook my-hook}) and the field, as the user wrote it.
 */
public class InvalidConfigurationException extends RuntimeException {

  private final String source;
  private final String field;
  private final String problem;

  /**
   * @param source where the setting came from, e.g. {@code environment}
   * @param field the field as the user wrote it, e.g. {@code warmgate.http.port} or {@code WARMGATE_HTTP_PORT}
   * @param problem what is wrong, e.g. {@code expected 1..65535, got 'abc'}
   */
  public InvalidConfigurationException(String source, String field, String problem) {
    super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(field, "field") + ": "
        + Objects.requireNonNull(problem, "problem"));
    this.source = source;
    this.field = field;
    this.problem = problem;
  }

  /** What is wrong with the value, without source and field. */
  public String problem() {
    return problem;
  }

  /** Where the setting came from. */
  public String source() {
    return source;
  }

  /** The field as the user wrote it. */
  public String field() {
    return field;
  }
}
