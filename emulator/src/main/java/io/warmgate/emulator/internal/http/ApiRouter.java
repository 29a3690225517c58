package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.http.EmulatedService.ApiCall;
import io.warmgate.emulator.internal.http.EmulatedService.Protocol;
import io.warmgate.emulator.internal.engine.EventRules;
import io.warmgate.emulator.internal.iam.Authorizer;
import io.warmgate.emulator.internal.sqs.QueueRuleTargets;
import io.warmgate.emulator.internal.sqs.Queues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a decoded request to its service and answers it, with no HTTP in sight. Which service a request is for
 * is the {@link ServiceRegistry}'s to say; every service then gets the same treatment. Signatures are not checked,
 * but a request whose credential scope names an access key bound to an IAM policy is authorized against it, and
 * injected faults apply, before the service sees it. Every error is written in the service's own format.
 */
final class ApiRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
  /** The call count under which requests for actions no service knows are counted. */
  static final String UNKNOWN = "(unknown)";
  private static final Pattern SCOPE = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/]+)/([a-z0-9-]+)/aws4_request");

  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final Engine engine;
  private final ServiceRegistry services;
  private final Queues queues;
  private final Authorizer authorizer;
  private final List<String> denials = new CopyOnWriteArrayList<>();
  private final Supplier<EmulatorFaults> faults;
  private final Random random;
  /** Kinds of unexpected failure already logged with their stack trace; later ones get one line. */
  private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();

  ApiRouter(Engine engine, Supplier<EmulatorFaults> faults, long seed, Authorizer authorizer) {
    this.engine = engine;
    this.authorizer = authorizer;
    EventRules rules = new EventRules(engine.region, engine.accountId);
    this.queues = new Queues(engine.clock, engine.region, engine.accountId, seed,
        () -> faults.get().messageRedeliveryRate());
    this.services = ServiceRegistry.of(engine, rules, queues);
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

  /** The answer to one request: status, body, its content type and any further response headers. */
  record Answer(int status, String body, String contentType, Map<String, String> headers) {
    Answer(int status, String body, String contentType) {
      this(status, body, contentType, Map.of());
    }
  }

  /** The emulated SQS queues. */
  Queues queues() {
    return queues;
  }

  /**
   * Handles one request; never throws.
   *
   * @param target the {@code X-Amz-Target} header, or null
   * @param form decodes the form parameters of the URI and body, giving null if they cannot be; only called for a
   *     request that is not a JSON service's
   * @param body the request body as text
   * @param authorization the {@code Authorization} header, or null
   * @param host the {@code Host} header, or null
   * @return completes, never exceptionally, when the service has answered (a long poll answers later)
   */
  CompletableFuture<Answer> answer(String target, Supplier<Map<String, String>> decodeForm, String body,
      String authorization, String host) {
    String requestId = UUID.randomUUID().toString();
    Optional<EmulatedService> json = services.byTarget(target);
    EmulatedService service;
    String action;
    Map<String, String> form = null;
    if (json.isPresent()) {
      service = json.get();
      action = target.substring(((Protocol.Json) service.protocol()).targetPrefix().length());
    } else {
      form = decodeForm.get();
      action = form == null ? null : form.get("Action");
      service = services.forQuery(form == null ? null : form.get("Version"), scope(authorization, 3), action);
    }
    try {
      if (json.isEmpty()) {
        checkQuery(service, form);
      }
      ApiCall call = new ApiCall(action, json.isPresent() ? Map.of() : form, body, requestId, host);
      // Unknown names share one counter: a client must not grow the table with names it makes up.
      engine.countCall(service.actions().contains(action) ? action : UNKNOWN);
      authorize(service, call, authorization);
      EmulatorFaults f = faults.get();
      double roll = roll();
      if (roll < f.throttleRate()) {
        throttled.incrementAndGet();
        throw service.failures().throttled();
      }
      if (roll < f.throttleRate() + f.serverErrorRate()) {
        serverErrors.incrementAndGet();
        throw service.failures().internal("An internal error has occurred. (injected fault)");
      }
      EmulatedService answering = service;
      return service.handleLater(call)
          .thenApply(out -> new Answer(200, out, answering.protocol().contentType()))
          .exceptionally(e -> e.getCause() instanceof ApiException refused ? error(answering, refused, requestId)
              : error(answering, answering.failures().internal("An internal error has occurred: "
                  + e.getCause().getClass().getSimpleName()), requestId));
    } catch (ApiException e) {
      return CompletableFuture.completedFuture(error(service, e, requestId));
    } catch (RuntimeException e) {
      // A bug, not the client's fault: its first stack trace is enough, repeats would flood the log.
      if (loggedFailures.size() < 100 && loggedFailures.add(action + " " + e.getClass().getName())) {
        LOG.error("internal error handling {}", Check.echo(action), e);
      } else {
        LOG.error("internal error handling {}: {}", Check.echo(action), e.toString());
      }
      return CompletableFuture.completedFuture(error(service, service.failures().internal(
          "An internal error has occurred: " + e.getClass().getSimpleName()), requestId));
    }
  }

  /**
   * The answer to a request refused before its body was read (too large, say), as an error document of the service
   * its headers name.
   */
  Answer refuse(String target, String authorization, ApiException e) {
    return error(services.forHeaders(target, scope(authorization, 3)), e, UUID.randomUUID().toString());
  }

  private static Answer error(EmulatedService service, ApiException e, String requestId) {
    return new Answer(e.status(), service.error(e, requestId), service.protocol().contentType(), service.errorHeaders(e));
  }

  /** Refuses a Query request that cannot be parsed, names no action, or names a version no service has. */
  private void checkQuery(EmulatedService service, Map<String, String> form) {
    if (form == null) {
      throw new ApiException(400, "MalformedQueryString", "The request could not be parsed as a form-encoded query");
    }
    String action = form.get("Action");
    if (action == null || action.isEmpty()) {
      throw new ApiException(400, "MissingAction", "The request must contain the parameter Action");
    }
    String version = form.get("Version");
    if (version != null && services.byVersion(version).isEmpty()) {
      throw new ApiException(400, "NoSuchVersion", "The requested version (" + Check.echo(version)
          + ") of service " + ((Protocol.Query) service.protocol()).serviceId() + " does not exist");
    }
  }

  /** Refuses the request if its access key is bound to a policy that does not allow it. */
  private void authorize(EmulatedService service, ApiCall call, String authorization) {
    String accessKey = scope(authorization, 1);
    if (!authorizer.restricts(accessKey)) {
      return;
    }
    String region = scope(authorization, 2);
    authorizer.authorize(accessKey, service.signingName() + ":" + call.action(), service.resources(call),
            Map.of("aws:RequestedRegion", region != null ? region : engine.region))
        .ifPresent(denial -> {
          ApiException refused = service.failures().denied(denial);
          denials.add(refused.code() + ": " + refused.getMessage());
          throw refused;
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
