package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.LaunchTemplate;
import io.warmgate.emulator.internal.engine.SimInstance;
import io.warmgate.emulator.internal.iam.RequestResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Answers the EC2 protocol (version 2016-11-15): no Result wrapper, {@code requestId} first,
 * {@code item} lists, EC2 error codes. One table names every operation and its handler; the same
 * table tells the server which actions this service knows.
 */
final class Ec2Api extends BaseService {
  static final String VERSION = "2016-11-15";
  static final String XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";

  private static final Protocol PROTOCOL = new Protocol.Query(VERSION, "AmazonEC2");
  private static final Failures FAILURES = new Failures(503, "RequestLimitExceeded", "Request limit exceeded.",
      "InternalError", 403, null);

  private final Engine engine;
  private final RequestResources resources;
  private final Map<String, BiConsumer<Params, Xml>> operations = new LinkedHashMap<>();

  Ec2Api(Engine engine, RequestResources resources) {
    super("ec2", PROTOCOL, FAILURES);
    this.engine = engine;
    this.resources = resources;
    Ec2InstancesApi instances = new Ec2InstancesApi(engine);
    Ec2LaunchTemplatesApi templates = new Ec2LaunchTemplatesApi(engine);
    operations.put("CreateLaunchTemplate", templates::create);
    operations.put("DescribeLaunchTemplates", templates::describe);
    operations.put("CreateLaunchTemplateVersion", templates::createVersion);
    operations.put("DescribeLaunchTemplateVersions", templates::describeVersions);
    operations.put("ModifyLaunchTemplate", templates::modify);
    operations.put("DeleteLaunchTemplate", templates::delete);
    operations.put("DescribeInstanceAttribute", instances::describeAttribute);
    operations.put("DescribeInstances", instances::describeInstances);
    operations.put("DescribeInstanceStatus", instances::describeInstanceStatus);
    operations.put("GetConsoleOutput", new Ec2ConsoleApi(engine)::getConsoleOutput);
    operations.put("StartInstances", instances::start);
    operations.put("StopInstances", instances::stop);
    operations.put("TerminateInstances", instances::terminate);
    operations.put("CreateTags", (p, x) -> tags(p, x, true));
    operations.put("DeleteTags", (p, x) -> tags(p, x, false));
    operations.put("DescribeTags", this::describeTags);
  }

  @Override
  public Set<String> actions() {
    return operations.keySet();
  }

  @Override
  public List<String> resources(ApiCall call) {
    return resources.of(true, call.action(), call.params());
  }

  @Override
  public String handle(ApiCall call) {
    String action = call.action();
    Params p = new Params(call.params(), true);
    String requestId = call.requestId();
    BiConsumer<Params, Xml> op = operations.get(action);
    if (op == null) {
      throw new ApiException(400, "InvalidAction",
          "The action " + Check.echo(action) + " is not valid for this web service.");
    }
    Xml x = new Xml().start(action + "Response", XMLNS).leaf("requestId", requestId);
    synchronized (engine) {
      op.accept(p, x);
    }
    return x.end().toString();
  }

  /** Renders an error in the EC2 shape. */
  @Override
  public String error(ApiException e, String requestId) {
    return new Xml().start("Response")
        .start("Errors").start("Error").leaf("Code", e.code()).leaf("Message", e.getMessage()).end().end()
        .leaf("RequestID", requestId)
        .end().toString();
  }

  // ------------------------------------------------------------------ tags

  private void tags(Params p, Xml x, boolean create) {
    List<String> resources = p.list("ResourceId");
    if (resources.isEmpty()) {
      throw p.missing("ResourceId");
    }
    List<Params> tagParams = p.structs("Tag");
    if (create && tagParams.isEmpty()) {
      throw p.missing("Tag");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Params t : tagParams) {
      String value = t.get("Value");
      tags.put(t.required("Key"), create && value == null ? "" : value);
    }
    if (create) {
      engine.ec2().createTags(resources, tags);
    } else {
      engine.ec2().deleteTags(resources, tags);
    }
    x.leaf("return", true);
  }

  private void describeTags(Params p, Xml x) {
    List<Ec2Filters.Filter> filters = Ec2Filters.of(p);
    List<String[]> matching = new ArrayList<>();
    for (SimInstance i : engine.ec2().visibleInstances()) {
      i.tags().forEach((k, v) -> matching.add(new String[] {i.id, "instance", k, v}));
    }
    for (LaunchTemplate lt : engine.templates()) {
      lt.tags().forEach((k, v) -> matching.add(new String[] {lt.id, "launch-template", k, v}));
    }
    matching.removeIf(t -> !Ec2Filters.match(filters, name -> switch (name) {
      case "resource-id" -> List.of(t[0]);
      case "resource-type" -> List.of(t[1]);
      case "key" -> List.of(t[2]);
      case "value" -> List.of(t[3]);
      default -> name.startsWith("tag:") ? (t[2].equals(name.substring(4)) ? List.of(t[3]) : List.of())
          : Ec2Filters.unknown(name);
    }));
    Ec2Filters.page(p, x, matching, "tagSet", t -> x.start("item")
        .leaf("resourceId", t[0]).leaf("resourceType", t[1]).leaf("key", t[2]).leaf("value", t[3]).end());
  }
}
