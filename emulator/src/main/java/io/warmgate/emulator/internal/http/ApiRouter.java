package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.EventRules;
import io.warmgate.emulator.internal.engine.Group;
import io.warmgate.emulator.internal.engine.SimInstance;
import io.warmgate.emulator.internal.iam.Authorizer;
import io.warmgate.emulator.internal.iam.RequestResources;
import io.warmgate.emulator.internal.sqs.QueueRuleTargets;
import io.warmgate.emulator.internal.sqs.Queues;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a decoded request to its service and answers it, with no HTTP in sight. A query request goes
 * to the service its {@code Version} names (2011-01-01 or 2016-11-15), else to the service in its SigV4
 * credential scope, else to whichever service knows the action; an {@code X-Amz-Target} request goes to
 * EventBridge ({@code AWSEvents.}) or SQS ({@code AmazonSQS.}). Signatures are not checked, but a request whose credential scope names an access key
 * bound to an IAM policy is authorized against it, and injected faults apply, before the service sees it.
 */
final class ApiRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
  /** The call count under which requests for actions no service knows are counted. */
  static final String UNKNOWN = "(unknown)";
  private static final Pattern SCOPE = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/]+)/([a-z0-9-]+)/aws4_request");

  private final java.util.concurrent.atomic.AtomicLong throttled = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong serverErrors = new java.util.concurrent.atomic.AtomicLong();
  private final Engine engine;
  private final AutoScalingApi autoScaling;
  private final Ec2Api ec2;
  private final EventBridgeApi eventBridge;
  private final SqsApi sqs;
  private final Authorizer authorizer;
  private final Queues queues;
  private final RequestResources resources;
  private final List<String> denials = new CopyOnWriteArrayList<>();
  private final Supplier<EmulatorFaults> faults;
  private final Random random;
  /** Kinds of unexpected failure already logged with their stack trace; later ones get one line. */
  private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();

  ApiRouter(Engine engine, Supplier<EmulatorFaults> faults, long seed, Authorizer authorizer) {
    this.engine = engine;
    this.authorizer = authorizer;
    this.resources = new RequestResources(engine.region, engine.accountId, new RequestResources.Directory() {
      @Override
      public String groupArn(String groupName) {
        synchronized (engine) {
          Group g = engine.findGroup(groupName);
          return g == null ? null : g.arn;
        }
      }

      @Override
      public String groupOfInstance(String instanceId) {
        synchronized (engine) {
          SimInstance i = engine.instance(instanceId);
          return i == null || i.group() == null ? null : i.group().name;
        }
      }
    });
    this.autoScaling = new AutoScalingApi(engine);
    this.ec2 = new Ec2Api(engine);
    EventRules rules = new EventRules(engine.region, engine.accountId);
    this.eventBridge = new EventBridgeApi(rules);
    Queues queues = new Queues(engine.clock, engine.region, engine.accountId, seed,
        () -> faults.get().messageRedeliveryRate());
    this.sqs = new SqsApi(queues);
    this.queues = queues;
    // Rules whose targets are queues get each lifecycle event, after the bus's injected loss and duplication.
    engine.events().addListener(new QueueRuleTargets(rules, queues));
    this.faults = faults;
    this.random = new Random(seed ^ 0x5DEECE66DL);
  }

  /** How many answers were injected faults: {@code throttled}, {@code serverErrors}. */
  Map<String, Long> injectedFaults() {
    return Map.of("throttled", throttled.get(), "serverErrors", serverErrors.get());
  }

  /** Every IAM denial so far, {@code CODE: message}, oldest first. */
  List<String> denials() {
    return List.copyOf(denials);
  }

  /** The answer to one request: status, body, its content type and any extra response headers. */
  record Answer(int status, String body, String contentType, Map<String, String> headers) {
    Answer(int status, String body) {
      this(status, body, "text/xml;charset=UTF-8");
    }

    Answer(int status, String body, String contentType) {
      this(status, body, contentType, Map.of());
    }
  }

  /** The emulated queues. */
  Queues queues() {
    return queues;
  }

  /** Handles one decoded request; never throws. */
  Answer answer(Map<String, String> params, String authorization) {
    String requestId = UUID.randomUUID().toString();
    String action = params.get("Action");
    String version = params.get("Version");
    boolean isEc2;
    if (Ec2Api.VERSION.equals(version)) {
      isEc2 = true;
    } else if (AutoScalingApi.VERSION.equals(version)) {
      isEc2 = false;
    } else {
      String service = scope(authorization, 3);
      if ("ec2".equals(service)) {
        isEc2 = true;
      } else if ("autoscaling".equals(service)) {
        isEc2 = false;
      } else {
        isEc2 = action != null && ec2.actions().contains(action);
      }
    }
    try {
      if (action == null || action.isEmpty()) {
        throw new ApiException(400, "MissingAction", "The request must contain the parameter Action");
      }
      if (version != null && !Ec2Api.VERSION.equals(version) && !AutoScalingApi.VERSION.equals(version)) {
        throw new ApiException(400, "NoSuchVersion", "The requested version (" + Check.echo(version)
            + ") of service " + (isEc2 ? "AmazonEC2" : "AutoScaling") + " does not exist");
      }
      // Unknown names share one counter: a client must not grow the table with names it makes up.
      engine.countCall(autoScaling.actions().contains(action) || ec2.actions().contains(action) ? action : UNKNOWN);
      authorize(isEc2, action, params, authorization);
      EmulatorFaults f = faults.get();
      double roll = roll();
      if (roll < f.throttleRate()) {
        throttled.incrementAndGet();
        throw isEc2 ? new ApiException(503, "RequestLimitExceeded", "Request limit exceeded.")
            : new ApiException(400, "Throttling", "Rate exceeded");
      }
      if (roll < f.throttleRate() + f.serverErrorRate()) {
        serverErrors.incrementAndGet();
        throw isEc2 ? new ApiException(500, "InternalError", "An internal error has occurred. (injected fault)")
            : new ApiException(500, "InternalFailure", "An internal error has occurred. (injected fault)");
      }
      Params p = new Params(params, isEc2);
      String body = isEc2 ? ec2.handle(action, p, requestId) : autoScaling.handle(action, p, requestId);
      return new Answer(200, body);
    } catch (ApiException e) {
      return new Answer(e.status(), isEc2 ? Ec2Api.error(e, requestId) : AutoScalingApi.error(e, requestId));
    } catch (RuntimeException e) {
      // A bug, not the client's fault: its first stack trace is enough, repeats would flood the log.
      if (loggedFailures.size() < 100 && loggedFailures.add(action + " " + e.getClass().getName())) {
        LOG.error("internal error handling {}", Check.echo(action), e);
      } else {
        LOG.error("internal error handling {}: {}", Check.echo(action), e.toString());
      }
      ApiException internal = new ApiException(500, isEc2 ? "InternalError" : "InternalFailure",
          "An internal error has occurred: " + e.getClass().getSimpleName());
      return new Answer(500, isEc2 ? Ec2Api.error(internal, requestId) : AutoScalingApi.error(internal, requestId));
    }
  }

  /** Handles one EventBridge (JSON 1.1) request, named by its {@code X-Amz-Target}; never throws. */
  Answer answerJson(String target, String body, String authorization) {
    String action = target.substring(EventBridgeApi.TARGET_PREFIX.length());
    try {
      engine.countCall(action);
      authorizeEvents(action, body, authorization);
      EmulatorFaults f = faults.get();
      double roll = roll();
      if (roll < f.throttleRate()) {
        throttled.incrementAndGet();
        throw new ApiException(400, "ThrottlingException", "Rate exceeded");
      }
      if (roll < f.throttleRate() + f.serverErrorRate()) {
        serverErrors.incrementAndGet();
        throw new ApiException(500, "InternalException", "An internal error has occurred. (injected fault)");
      }
      return new Answer(200, eventBridge.handle(action, body), EventBridgeApi.CONTENT_TYPE);
    } catch (ApiException e) {
      return new Answer(e.status(), EventBridgeApi.error(e), EventBridgeApi.CONTENT_TYPE);
    } catch (RuntimeException e) {
      LOG.error("internal error handling {}", action, e);
      return new Answer(500, EventBridgeApi.error(new ApiException(500, "InternalException",
          "An internal error has occurred: " + e.getClass().getSimpleName())), EventBridgeApi.CONTENT_TYPE);
    }
  }

  /**
   * Handles one SQS (JSON 1.0) request, named by its {@code X-Amz-Target}; a long poll completes later. Never
   * completes exceptionally.
   *
   * @param host the request's {@code Host}, for queue URLs
   */
  java.util.concurrent.CompletableFuture<Answer> answerSqs(String target, String body, String authorization,
      String host) {
    String action = target.substring(SqsApi.TARGET_PREFIX.length());
    try {
      engine.countCall(sqs.actions().contains(action) ? action : UNKNOWN);
      String accessKey = scope(authorization, 1);
      if (authorizer.restricts(accessKey)) {
        String region = scope(authorization, 2);
        authorizer.authorize(accessKey, "sqs:" + action, List.of(sqs.resource(body)),
                Map.of("aws:RequestedRegion", region != null ? region : engine.region))
            .ifPresent(denial -> {
              denials.add("AccessDenied: " + denial.message());
              throw new ApiException(403, "AccessDenied", denial.message());
            });
      }
      EmulatorFaults f = faults.get();
      double roll = roll();
      if (roll < f.throttleRate()) {
        throttled.incrementAndGet();
        throw new ApiException(400, "RequestThrottled", "Rate exceeded");
      }
      if (roll < f.throttleRate() + f.serverErrorRate()) {
        serverErrors.incrementAndGet();
        throw new ApiException(500, "InternalFailure", "An internal error has occurred. (injected fault)");
      }
      return sqs.handle(action, body, host).thenApply(out -> new Answer(200, out, SqsApi.CONTENT_TYPE));
    } catch (ApiException e) {
      return java.util.concurrent.CompletableFuture.completedFuture(sqsError(e));
    } catch (RuntimeException e) {
      LOG.error("internal error handling {}", Check.echo(action), e);
      return java.util.concurrent.CompletableFuture.completedFuture(sqsError(new ApiException(500,
          "InternalFailure", "An internal error has occurred: " + e.getClass().getSimpleName())));
    }
  }

  private static Answer sqsError(ApiException e) {
    return new Answer(e.status(), SqsApi.error(e), SqsApi.CONTENT_TYPE, Map.of(SqsApi.QUERY_ERROR, SqsApi.queryError(e)));
  }

  /**
   * Refuses an EventBridge request its access key's policy does not allow. EventBridge answers a denial with
   * HTTP 400 and {@code AccessDeniedException}, with the same message shape as the other services.
   */
  private void authorizeEvents(String action, String body, String authorization) {
    String accessKey = scope(authorization, 1);
    if (!authorizer.restricts(accessKey)) {
      return;
    }
    String region = scope(authorization, 2);
    authorizer.authorize(accessKey, "events:" + action, List.of(eventBridge.resource(action, body)),
            Map.of("aws:RequestedRegion", region != null ? region : engine.region))
        .ifPresent(denial -> {
          denials.add("AccessDeniedException: " + denial.message());
          throw new ApiException(400, "AccessDeniedException", denial.message());
        });
  }

  /** Refuses the request if its access key is bound to a policy that does not allow it. */
  private void authorize(boolean isEc2, String action, Map<String, String> params, String authorization) {
    String accessKey = scope(authorization, 1);
    if (!authorizer.restricts(accessKey)) {
      return;
    }
    String region = scope(authorization, 2);
    authorizer.authorize(accessKey, (isEc2 ? "ec2:" : "autoscaling:") + action, resources.of(isEc2, action, params),
            Map.of("aws:RequestedRegion", region != null ? region : engine.region))
        .ifPresent(denial -> {
          denials.add(denial.code() + ": " + denial.message());
          throw new ApiException(403, denial.code(), denial.message());
        });
  }

  /** One draw for the injected faults: below the throttle rate throttles, then up to the error rate fails. */
  private double roll() {
    synchronized (random) {
      return random.nextDouble();
    }
  }

  /** Part of the SigV4 credential scope: 1 access key, 2 region, 3 service; null if unsigned. */
  private static String scope(String authorization, int part) {
    if (authorization == null) {
      return null;
    }
    Matcher m = SCOPE.matcher(authorization);
    return m.find() ? m.group(part) : null;
  }
}
