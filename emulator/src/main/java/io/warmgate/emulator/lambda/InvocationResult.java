package io.warmgate.emulator.lambda;

import java.util.Objects;

/** How one invocation of a hosted function ended: a decision value, switched over exhaustively. */
public sealed interface InvocationResult {

  /** The request id Lambda gave the invocation. */
  String requestId();

  /** True if Lambda would count the invocation as a function error (and retry it when asynchronous). */
  default boolean failed() {
    return !(this instanceof Succeeded);
  }

  /** One line saying how it ended, as Lambda's log would. */
  String describe();

  /**
   * The function returned a response.
   *
   * @param requestId the invocation's request id
   * @param payload the response body, as the runtime posted it
   */
  record Succeeded(String requestId, String payload) implements InvocationResult {
    /** Checks the fields. */
    public Succeeded {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String describe() {
      return "succeeded";
    }
  }

  /**
   * The runtime reported an error for the invocation ({@code /invocation/{id}/error}) or the runtime's
   * process ended during it.
   *
   * @param requestId the invocation's request id
   * @param errorType the error type ({@code Lambda-Runtime-Function-Error-Type} or the body's {@code errorType})
   * @param errorMessage the body's {@code errorMessage}
   */
  record FunctionError(String requestId, String errorType, String errorMessage) implements InvocationResult {
    /** Checks the fields. */
    public FunctionError {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(errorType, "errorType");
      Objects.requireNonNull(errorMessage, "errorMessage");
    }

    @Override
    public String describe() {
      return "function error " + errorType + ": " + errorMessage;
    }
  }

  /**
   * The function ran past its timeout; the host ended its execution environment.
   *
   * @param requestId the invocation's request id
   * @param message Lambda's message, {@code Task timed out after N.NN seconds}
   */
  record TimedOut(String requestId, String message) implements InvocationResult {
    /** Checks the fields. */
    public TimedOut {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String describe() {
      return message;
    }
  }

  /**
   * The runtime could not start the handler ({@code /init/error}) or exited before taking the event.
   *
   * @param requestId the invocation's request id
   * @param errorType the init error's type, e.g. {@code Runtime.ExitError} or the runtime's own
   * @param errorMessage what the runtime reported
   */
  record InitFailed(String requestId, String errorType, String errorMessage) implements InvocationResult {
    /** Checks the fields. */
    public InitFailed {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(errorType, "errorType");
      Objects.requireNonNull(errorMessage, "errorMessage");
    }

    @Override
    public String describe() {
      return "init error " + errorType + ": " + errorMessage;
    }
  }
}
