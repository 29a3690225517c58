package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.iam.Denial;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One emulated AWS service as the {@link ApiRouter} sees it: how its requests are recognised, the operations it
 * answers, the resources IAM checks them against, and how it writes its answers and errors. The
 * {@link ServiceRegistry} lists every service once; adding a service is one implementation of this interface and
 * one line there, and the router, the server and the body limit need no change.
 */
interface EmulatedService {

  /** The name in a SigV4 credential scope, which is also the IAM action prefix: {@code autoscaling}, {@code ec2}. */
  String signingName();

  /** How a request is recognised as this service's, how it names its operation and what content type it answers. */
  Protocol protocol();

  /** The names of the operations this service answers. */
  Set<String> actions();

  /**
   * Answers one call and returns the response body.
   *
   * @throws ApiException with this service's error code, for an unknown operation or a refused request
   */
  String handle(ApiCall call);

  /**
   * Answers one call, possibly later (a long poll); by default at once, through {@link #handle}.
   *
   * @return the response body; completes exceptionally only with an {@link ApiException}
   * @throws ApiException for a request refused at once
   */
  default java.util.concurrent.CompletableFuture<String> handleLater(ApiCall call) {
    return java.util.concurrent.CompletableFuture.completedFuture(handle(call));
  }

  /** Response headers an error carries besides its document (SQS's {@code x-amzn-query-error}); none by default. */
  default Map<String, String> errorHeaders(ApiException e) {
    return Map.of();
  }

  /** The ARNs the call acts on, for IAM; never empty ({@code *} when no resource applies). */
  List<String> resources(ApiCall call);

  /** Writes an error document in this service's format. */
  String error(ApiException e, String requestId);

  /** The answers every service can give, with this service's codes: throttling, internal failure, IAM denial. */
  Failures failures();

  /**
   * One decoded request for a service: its operation, its form parameters (query) or its body (JSON), and the
   * {@code Host} it was sent to (null if none), which names the endpoint in URLs a service hands out.
   */
  record ApiCall(String action, Map<String, String> params, String body, String requestId, String host) {
    /** Copies the parameters. */
    public ApiCall {
      params = Map.copyOf(params);
      body = body == null ? "" : body;
    }

    /** A call with no {@code Host}. */
    public ApiCall(String action, Map<String, String> params, String body, String requestId) {
      this(action, params, body, requestId, null);
    }
  }

  /** How a service's requests are recognised and named, and the content type of its answers. */
  sealed interface Protocol {
    /** The content type of answers and errors. */
    String contentType();

    /** What tells this service's requests apart, such as {@code version 2011-01-01}; unique among services. */
    String marker();

    /**
     * The AWS Query protocol (Auto Scaling, and EC2's variant of it): a form-encoded request whose {@code Action}
     * names the operation and whose {@code Version} names the service.
     *
     * @param version the API version that names the service, such as {@code 2011-01-01}
     * @param serviceId the service's name in a {@code NoSuchVersion} message, such as {@code AutoScaling}
     */
    record Query(String version, String serviceId) implements Protocol {
      @Override
      public String contentType() {
        return "text/xml;charset=UTF-8";
      }

      @Override
      public String marker() {
        return "version " + version;
      }
    }

    /**
     * An AWS JSON protocol (1.0 or 1.1): a JSON body whose {@code X-Amz-Target} header is the service's prefix
     * followed by the operation, such as {@code AWSEvents.PutRule}.
     *
     * @param targetPrefix the prefix of every {@code X-Amz-Target}, including its dot
     * @param contentType {@code application/x-amz-json-1.0} or {@code application/x-amz-json-1.1}
     */
    record Json(String targetPrefix, String contentType) implements Protocol {
      @Override
      public String marker() {
        return "target " + targetPrefix;
      }
    }
  }

  /**
   * The failures every service can answer, each with the code and status this service uses.
   *
   * @param throttleStatus the HTTP status of a throttled request (EC2 answers 503, the others 400)
   * @param throttleCode the error code of a throttled request
   * @param throttleMessage the message of a throttled request
   * @param internalCode the error code of an internal failure (always HTTP 500)
   * @param denialStatus the HTTP status of an IAM denial (403 for the Query services, 400 for the JSON ones)
   * @param denialCode the error code of an IAM denial, or null for {@link Denial#code()}
   */
  record Failures(int throttleStatus, String throttleCode, String throttleMessage, String internalCode,
      int denialStatus, String denialCode) {

    /** A throttled request's answer. */
    ApiException throttled() {
      return new ApiException(throttleStatus, throttleCode, throttleMessage);
    }

    /** An internal failure's answer. */
    ApiException internal(String message) {
      return new ApiException(500, internalCode, message);
    }

    /** An IAM denial's answer. */
    ApiException denied(Denial denial) {
      return new ApiException(denialStatus, denialCode != null ? denialCode : denial.code(), denial.message());
    }
  }
}
