package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.EventRules;
import io.warmgate.emulator.internal.engine.Group;
import io.warmgate.emulator.internal.engine.SimInstance;
import io.warmgate.emulator.internal.http.EmulatedService.Protocol;
import io.warmgate.emulator.internal.iam.RequestResources;
import io.warmgate.emulator.internal.sqs.Queues;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lists every emulated service once, and tells which one a request is for. A JSON request is its
 * {@code X-Amz-Target} prefix's service. A Query request is the service its {@code Version} names, else the service
 * its SigV4 credential scope names, else the first Query service that knows its {@code Action}, else the first
 * Query service (Auto Scaling), whose error then answers it.
 */
final class ServiceRegistry {
  private final List<EmulatedService> services;

  /**
   * Registers the services, in order of preference for a Query request that names no service.
   *
   * @throws IllegalArgumentException if two services share a signing name, a Query version or a target prefix, or
   *     none speaks the Query protocol
   */
  ServiceRegistry(List<EmulatedService> services) {
    this.services = List.copyOf(services);
    Set<String> seen = new HashSet<>();
    for (EmulatedService s : this.services) {
      String marker = s.protocol().marker();
      if (!seen.add("name " + s.signingName()) || !seen.add(marker)) {
        throw new IllegalArgumentException("two services share the signing name or " + marker + ": " + s.signingName());
      }
    }
    if (queryServices().isEmpty()) {
      throw new IllegalArgumentException("no Query service to answer unrecognised requests");
    }
  }

  /** The services the emulator serves: Auto Scaling, EC2, EventBridge (over {@code rules}) and SQS, on one engine. */
  static ServiceRegistry of(Engine engine, EventRules rules, Queues queues) {
    RequestResources resources = new RequestResources(engine.region, engine.accountId, new RequestResources.Directory() {
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

      @Override
      public String launchTemplateId(String name) {
        synchronized (engine) {
          var lt = engine.templateByName(name);
          return lt == null ? null : lt.id;
        }
      }
    });
    return new ServiceRegistry(List.of(
        new AutoScalingApi(engine, resources),
        new Ec2Api(engine, resources),
        new EventBridgeApi(rules),
        new SqsApi(queues)));
  }

  /** The JSON service whose target prefix {@code target} starts with, if any. */
  Optional<EmulatedService> byTarget(String target) {
    if (target == null) {
      return Optional.empty();
    }
    return services.stream()
        .filter(s -> s.protocol() instanceof Protocol.Json j && target.startsWith(j.targetPrefix())
            && target.length() > j.targetPrefix().length())
        .findFirst();
  }

  /** The Query service whose API version is {@code version}, if any. */
  Optional<EmulatedService> byVersion(String version) {
    return queryServices().stream()
        .filter(s -> ((Protocol.Query) s.protocol()).version().equals(version))
        .findFirst();
  }

  /**
   * The Query service a request is for: the one its version names, else the one its credential scope names, else
   * the first that knows its action, else the first.
   *
   * @param version the request's {@code Version}, or null
   * @param signingName the service in the request's credential scope, or null if unsigned
   * @param action the request's {@code Action}, or null
   */
  EmulatedService forQuery(String version, String signingName, String action) {
    List<EmulatedService> query = queryServices();
    return byVersion(version)
        .or(() -> query.stream().filter(s -> s.signingName().equals(signingName)).findFirst())
        .or(() -> query.stream().filter(s -> action != null && s.actions().contains(action)).findFirst())
        .orElse(query.get(0));
  }

  /**
   * The service whose error answers a request refused before its body was read: its target's service, else its
   * credential scope's, else the first Query service.
   */
  EmulatedService forHeaders(String target, String signingName) {
    return byTarget(target)
        .or(() -> services.stream().filter(s -> s.signingName().equals(signingName)).findFirst())
        .orElse(queryServices().get(0));
  }

  /** Every registered service, in registration order. */
  List<EmulatedService> services() {
    return services;
  }

  private List<EmulatedService> queryServices() {
    return services.stream().filter(s -> s.protocol() instanceof Protocol.Query).toList();
  }
}
