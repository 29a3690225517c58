package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.Hook;
import io.warmgate.emulator.internal.iam.RequestResources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Answers the Auto Scaling Query protocol (version 2011-01-01). One table names every operation
 * and the handler that parses its parameters, calls the engine under its lock and writes the
 * response shape of the service model; the same table tells the server which actions this
 * service knows.
 */
final class AutoScalingApi extends BaseService {
  static final String VERSION = "2011-01-01";
  static final String XMLNS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

  /** One operation: whether its response has a Result element, and its handler. */
  private record Operation(boolean result, BiConsumer<Params, Xml> handler) { }

  private static final Protocol PROTOCOL = new Protocol.Query(VERSION, "AutoScaling");
  private static final Failures FAILURES = new Failures(400, "Throttling", "Rate exceeded", "InternalFailure",
      403, null);

  private final Engine engine;
  private final RequestResources resources;
  private final Map<String, Operation> operations = new LinkedHashMap<>();

  AutoScalingApi(Engine engine, RequestResources resources) {
    super("autoscaling", PROTOCOL, FAILURES);
    this.engine = engine;
    this.resources = resources;
    AutoScalingGroupsApi groups = new AutoScalingGroupsApi(engine);
    AutoScalingHooksApi hooks = new AutoScalingHooksApi(engine);
    add("CreateAutoScalingGroup", false, (p, x) -> groups.create(p));
    add("UpdateAutoScalingGroup", false, (p, x) -> groups.update(p));
    add("DeleteAutoScalingGroup", false, (p, x) -> groups.delete(p));
    add("DescribeAutoScalingGroups", true, groups::describe);
    add("DescribeAutoScalingInstances", true, groups::describeInstances);
    add("SetDesiredCapacity", false, (p, x) -> groups.setDesired(p));
    add("TerminateInstanceInAutoScalingGroup", true, groups::terminate);
    add("DescribeScalingActivities", true, groups::describeActivities);
    add("CreateOrUpdateTags", false, (p, x) -> groups.createOrUpdateTags(p));
    add("DeleteTags", false, (p, x) -> groups.deleteTags(p));
    add("DescribeTags", true, groups::describeTags);
    add("PutWarmPool", true, (p, x) -> hooks.putWarmPool(p));
    add("DescribeWarmPool", true, hooks::describeWarmPool);
    add("DeleteWarmPool", true, (p, x) -> hooks.deleteWarmPool(p));
    add("PutLifecycleHook", true, (p, x) -> hooks.putHook(p));
    add("DescribeLifecycleHooks", true, hooks::describeHooks);
    add("DeleteLifecycleHook", true, (p, x) -> hooks.deleteHook(p));
    add("CompleteLifecycleAction", true, (p, x) -> hooks.completeAction(p));
    add("RecordLifecycleActionHeartbeat", true, (p, x) -> hooks.heartbeat(p));
    add("CreateLaunchConfiguration", false, (p, x) -> {
      // Launch configurations stay out, as AWS keeps them from new accounts; this is the answer those accounts get
      // (observed: UnsupportedOperation, HTTP 400). https://docs.aws.amazon.com/autoscaling/ec2/userguide/launch-configurations.html
      throw new ApiException(400, "UnsupportedOperation", "The Launch Configuration creation operation is not "
          + "available in your account. Use launch templates to create configuration templates for your Auto Scaling "
          + "groups.");
    });
    add("DescribeLifecycleHookTypes", true, (p, x) -> {
      x.start("LifecycleHookTypes");
      for (Hook.Transition t : Hook.Transition.values()) {
        x.leaf("member", t.wire());
      }
      x.end();
    });
  }

  private void add(String action, boolean result, BiConsumer<Params, Xml> handler) {
    operations.put(action, new Operation(result, handler));
  }

  @Override
  public Set<String> actions() {
    return operations.keySet();
  }

  @Override
  public List<String> resources(ApiCall call) {
    return resources.of(false, call.action(), call.params());
  }

  @Override
  public String error(ApiException e, String requestId) {
    return xmlError(e, requestId);
  }

  @Override
  public String handle(ApiCall call) {
    String action = call.action();
    String requestId = call.requestId();
    Params p = new Params(call.params(), false);
    Operation op = operations.get(action);
    if (op == null) {
      throw new ApiException(400, "InvalidAction",
          "Could not find operation " + Check.echo(action) + " for version " + VERSION);
    }
    Xml x = new Xml().start(action + "Response", XMLNS);
    if (op.result()) {
      x.start(action + "Result");
    }
    synchronized (engine) {
      op.handler().accept(p, x);
    }
    if (op.result()) {
      x.end();
    }
    x.start("ResponseMetadata").leaf("RequestId", requestId).end();
    return x.end().toString();
  }

  /** Renders an error in the Query protocol shape. */
  static String xmlError(ApiException e, String requestId) {
    return new Xml().start("ErrorResponse", XMLNS)
        .start("Error")
        .leaf("Type", e.status() >= 500 ? "Receiver" : "Sender")
        .leaf("Code", e.code())
        .leaf("Message", e.getMessage())
        .end()
        .leaf("RequestId", requestId)
        .end().toString();
  }
}
