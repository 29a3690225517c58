package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.LaunchTemplate;
import io.warmgate.emulator.internal.engine.SimInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers the EC2 protocol (version 2016-11-15): no Result wrapper, {@code requestId} first,
 * {@code item} lists, EC2 error codes.
 */
final class Ec2Api {
  static final String VERSION = "2016-11-15";
  static final String XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  static final Set<String> ACTIONS = Set.of(
      "CreateLaunchTemplate", "DescribeLaunchTemplates", "DescribeInstances", "DescribeInstanceStatus",
      "StartInstances", "StopInstances", "TerminateInstances", "CreateTags", "DeleteTags", "DescribeTags");
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]{3,128}");

  private final Engine engine;

  Ec2Api(Engine engine) {
    this.engine = engine;
  }

  String handle(String action, Params p, String requestId) {
    Xml x = new Xml().start(action + "Response", XMLNS).leaf("requestId", requestId);
    synchronized (engine) {
      switch (action) {
        case "CreateLaunchTemplate" -> createLaunchTemplate(p, x);
        case "DescribeLaunchTemplates" -> describeLaunchTemplates(p, x);
        case "DescribeInstances" -> describeInstances(p, x);
        case "DescribeInstanceStatus" -> describeInstanceStatus(p, x);
        case "StartInstances" -> changeState(p, x, "start");
        case "StopInstances" -> changeState(p, x, "stop");
        case "TerminateInstances" -> changeState(p, x, "terminate");
        case "CreateTags" -> tags(p, x, true);
        case "DeleteTags" -> tags(p, x, false);
        case "DescribeTags" -> describeTags(p, x);
        default -> throw new ApiException(400, "InvalidAction",
            "The action " + action + " is not valid for this web service.");
      }
    }
    return x.end().toString();
  }

  /** Renders an error in the EC2 shape. */
  static String error(ApiException e, String requestId) {
    return new Xml().start("Response")
        .start("Errors").start("Error").leaf("Code", e.code()).leaf("Message", e.getMessage()).end().end()
        .leaf("RequestID", requestId)
        .end().toString();
  }

  // ------------------------------------------------------------------ launch templates

  private void createLaunchTemplate(Params p, Xml x) {
    String name = p.required("LaunchTemplateName");
    if (!TEMPLATE_NAME.matcher(name).matches()) {
      throw new ApiException(400, "InvalidLaunchTemplateName.MalformedException",
          "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the "
              + "following characters: - ( ) . / _.'");
    }
    Params data = p.sub("LaunchTemplateData");
    if (data.isEmpty()) {
      throw p.missing("LaunchTemplateData");
    }
    if (engine.templateByName(name) != null) {
      throw new ApiException(400, "InvalidLaunchTemplateName.AlreadyExistsException",
          "Launch template name already in use.");
    }
    Map<String, String> ltTags = tagSpecs(p, "launch-template");
    Map<String, String> instanceTags = tagSpecs(data, "instance");
    LaunchTemplate lt = engine.createLaunchTemplate(name, data.get("ImageId"), data.get("InstanceType"), ltTags,
        instanceTags);
    x.start("launchTemplate");
    writeTemplate(x, lt);
    x.end();
  }

  private static Map<String, String> tagSpecs(Params p, String resourceType) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Params spec : p.structs("TagSpecification")) {
      if (resourceType.equals(spec.get("ResourceType"))) {
        for (Params t : spec.structs("Tag")) {
          tags.put(t.required("Key"), t.get("Value") == null ? "" : t.get("Value"));
        }
      }
    }
    return tags;
  }

  private void writeTemplate(Xml x, LaunchTemplate lt) {
    x.leaf("createTime", lt.createTime)
        .leaf("createdBy", "arn:aws:iam::" + engine.accountId + ":root")
        .leaf("defaultVersionNumber", 1)
        .leaf("latestVersionNumber", 1)
        .leaf("launchTemplateId", lt.id)
        .leaf("launchTemplateName", lt.name);
    if (!lt.tags.isEmpty()) {
      x.start("tagSet");
      lt.tags.forEach((k, v) -> x.start("item").leaf("key", k).leaf("value", v).end());
      x.end();
    }
  }

  private void describeLaunchTemplates(Params p, Xml x) {
    List<String> ids = p.list("LaunchTemplateId");
    List<String> names = p.list("LaunchTemplateName");
    List<Params> filters = p.structs("Filter");
    for (String id : ids) {
      if (!id.matches("lt-[0-9a-f]{17}")) {
        throw new ApiException(400, "InvalidLaunchTemplateId.Malformed",
            "The specified ID (" + id + ") is not a valid launch template ID.");
      }
      if (!engine.templates.containsKey(id)) {
        throw new ApiException(400, "InvalidLaunchTemplateId.NotFound",
            "The specified launch template, with template ID " + id + ", does not exist.");
      }
    }
    for (String name : names) {
      if (engine.templateByName(name) == null) {
        throw new ApiException(400, "InvalidLaunchTemplateName.NotFoundException",
            "At least one of the launch templates specified in the request does not exist.");
      }
    }
    List<LaunchTemplate> matching = new ArrayList<>();
    for (LaunchTemplate lt : engine.templates.values()) {
      if ((ids.isEmpty() || ids.contains(lt.id)) && (names.isEmpty() || names.contains(lt.name))
          && filtersMatch(filters, name -> switch (name) {
            case "launch-template-name" -> List.of(lt.name);
            case "launch-template-id" -> List.of(lt.id);
            case "tag-key" -> List.copyOf(lt.tags.keySet());
            default -> name.startsWith("tag:") ? optional(lt.tags.get(name.substring(4))) : unknownFilter(name);
          })) {
        matching.add(lt);
      }
    }
    page(p, x, matching, "launchTemplates", lt -> {
      x.start("item");
      writeTemplate(x, lt);
      x.end();
    });
  }

  // ------------------------------------------------------------------ instances

  private List<SimInstance> byIds(List<String> ids) {
    List<String> missing = new ArrayList<>();
    List<SimInstance> out = new ArrayList<>();
    java.time.Instant now = engine.clock.now();
    for (String id : new LinkedHashSet<>(ids)) {
      if (!INSTANCE_ID.matcher(id).matches()) {
        throw new ApiException(400, "InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
      }
      SimInstance i = engine.instances.get(id);
      if (i == null || !i.visibleAt(now)) {
        missing.add(id);
      } else {
        out.add(i);
      }
    }
    if (missing.size() == 1) {
      throw new ApiException(400, "InvalidInstanceID.NotFound",
          "The instance ID '" + missing.get(0) + "' does not exist");
    }
    if (!missing.isEmpty()) {
      throw new ApiException(400, "InvalidInstanceID.NotFound",
          "The instance IDs '" + String.join(", ", missing) + "' do not exist");
    }
    return out;
  }

  private List<SimInstance> visible() {
    java.time.Instant now = engine.clock.now();
    return engine.instances.values().stream().filter(i -> i.visibleAt(now)).toList();
  }

  private List<String> instanceFilterValues(SimInstance i, String name) {
    return switch (name) {
      case "instance-id" -> List.of(i.id);
      case "instance-state-name" -> List.of(i.ec2State);
      case "instance-state-code" -> List.of(String.valueOf(i.stateCode()));
      case "instance-type" -> List.of(i.instanceType);
      case "image-id" -> List.of(i.imageId);
      case "availability-zone" -> List.of(i.availabilityZone);
      case "private-ip-address", "network-interface.addresses.private-ip-address" -> List.of(i.privateIp);
      case "private-dns-name" -> List.of(i.privateDnsName());
      case "reservation-id" -> List.of(i.reservationId);
      case "platform" -> i.profile.windowsPlatform() ? List.of("windows") : List.of();
      case "tag-key" -> List.copyOf(i.tags.keySet());
      case "tag-value" -> List.copyOf(i.tags.values());
      default -> name.startsWith("tag:") ? optional(i.tags.get(name.substring(4))) : unknownFilter(name);
    };
  }

  private static List<String> optional(String v) {
    return v == null ? List.of() : List.of(v);
  }

  private static List<String> unknownFilter(String name) {
    throw new ApiException(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
  }

  private static boolean filtersMatch(List<Params> filters, java.util.function.Function<String, List<String>> values) {
    for (Params f : filters) {
      String name = f.get("Name");
      if (name == null) {
        throw new ApiException(400, "InvalidParameterValue", "The filter 'null' is invalid");
      }
      List<String> wanted = f.list("Value");
      List<String> actual = values.apply(name);
      boolean ok = false;
      for (String w : wanted) {
        Pattern pattern = wildcard(w);
        if (actual.stream().anyMatch(a -> pattern.matcher(a).matches())) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Pattern wildcard(String value) {
    StringBuilder re = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private int maxResults(Params p, List<String> ids) {
    Integer max = p.integer("MaxResults");
    if (max == null) {
      return Integer.MAX_VALUE;
    }
    if (!ids.isEmpty()) {
      throw new ApiException(400, "InvalidParameterCombination",
          "The parameter instancesSet cannot be used with the parameter maxResults");
    }
    if (max < 5 || max > 1000) {
      throw new ApiException(400, "InvalidParameterValue",
          "Value ( " + max + " ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
    }
    return max;
  }

  private <T> void page(Params p, Xml x, List<T> items, String setName, java.util.function.Consumer<T> writer) {
    Integer maxParam = p.integer("MaxResults");
    int max = maxParam == null ? Integer.MAX_VALUE : Math.max(1, maxParam);
    int from = p.offset("NextToken");
    int to = (int) Math.min(items.size(), (long) from + max);
    x.start(setName);
    for (int k = Math.min(from, items.size()); k < to; k++) {
      writer.accept(items.get(k));
    }
    x.end();
    if (to < items.size()) {
      x.leaf("nextToken", Params.token(to));
    }
  }

  private void describeInstances(Params p, Xml x) {
    List<String> ids = p.list("InstanceId");
    maxResults(p, ids);
    List<SimInstance> selected = ids.isEmpty() ? visible() : byIds(ids);
    List<Params> filters = p.structs("Filter");
    List<SimInstance> matching = new ArrayList<>();
    for (SimInstance i : selected) {
      if (filtersMatch(filters, name -> instanceFilterValues(i, name))) {
        matching.add(i);
      }
    }
    page(p, x, matching, "reservationSet", i -> {
      x.start("item")
          .leaf("reservationId", i.reservationId)
          .leaf("ownerId", engine.accountId)
          .leaf("requesterId", "940372691376")
          .empty("groupSet")
          .start("instancesSet");
      writeInstance(x, i);
      x.end().end();
    });
  }

  private void writeInstance(Xml x, SimInstance i) {
    x.start("item")
        .leaf("instanceId", i.id)
        .leaf("imageId", i.imageId);
    state(x, "instanceState", i);
    x.leaf("privateDnsName", i.privateDnsName())
        .empty("dnsName")
        .leaf("reason", i.stateReason.isEmpty() ? null : i.stateReason)
        .leaf("amiLaunchIndex", 0)
        .empty("productCodes")
        .leaf("instanceType", i.instanceType)
        .leaf("launchTime", i.launchTime)
        .start("placement").leaf("availabilityZone", i.availabilityZone).empty("groupName")
        .leaf("tenancy", "default").end()
        .leaf("platform", i.profile.windowsPlatform() ? "windows" : null)
        .start("monitoring").leaf("state", "disabled").end()
        .leaf("subnetId", "subnet-0a1b2c3d4e5f60718")
        .leaf("vpcId", "vpc-0a1b2c3d4e5f60718")
        .leaf("privateIpAddress", i.privateIp)
        .leaf("sourceDestCheck", true)
        .empty("groupSet");
    if (i.ec2State.equals("stopped") || i.ec2State.equals("stopping") || i.ec2State.equals("terminated")) {
      x.start("stateReason").leaf("code", "Client.UserInitiatedShutdown")
          .leaf("message", "Client.UserInitiatedShutdown: User initiated shutdown").end();
    }
    x.leaf("architecture", "x86_64")
        .leaf("rootDeviceType", "ebs")
        .leaf("rootDeviceName", i.profile.windowsPlatform() ? "/dev/sda1" : "/dev/xvda")
        .empty("blockDeviceMapping")
        .leaf("virtualizationType", "hvm")
        .leaf("clientToken", "")
        .start("tagSet");
    i.tags.forEach((k, v) -> x.start("item").leaf("key", k).leaf("value", v).end());
    x.end()
        .leaf("hypervisor", "xen")
        .empty("networkInterfaceSet")
        .leaf("ebsOptimized", false)
        .leaf("enaSupport", true)
        .leaf("platformDetails", i.profile.windowsPlatform() ? "Windows" : "Linux/UNIX")
        .leaf("usageOperation", i.profile.windowsPlatform() ? "RunInstances:0002" : "RunInstances")
        .end();
  }

  private static void state(Xml x, String element, SimInstance i) {
    x.start(element).leaf("code", i.stateCode()).leaf("name", i.ec2State).end();
  }

  private static void state(Xml x, String element, int code, String name) {
    x.start(element).leaf("code", code).leaf("name", name).end();
  }

  private void describeInstanceStatus(Params p, Xml x) {
    List<String> ids = p.list("InstanceId");
    maxResults(p, ids);
    boolean all = p.bool("IncludeAllInstances", false);
    List<SimInstance> selected = ids.isEmpty() ? visible() : byIds(ids);
    List<Params> filters = p.structs("Filter");
    List<SimInstance> matching = new ArrayList<>();
    for (SimInstance i : selected) {
      if (!all && !i.ec2State.equals("running")) {
        continue;
      }
      if (filtersMatch(filters, name -> switch (name) {
        case "instance-state-name" -> List.of(i.ec2State);
        case "instance-state-code" -> List.of(String.valueOf(i.stateCode()));
        case "availability-zone" -> List.of(i.availabilityZone);
        case "instance-status.status" -> List.of(instanceStatus(i));
        case "system-status.status" -> List.of(systemStatus(i));
        default -> unknownFilter(name);
      })) {
        matching.add(i);
      }
    }
    page(p, x, matching, "instanceStatusSet", i -> {
      x.start("item")
          .leaf("instanceId", i.id)
          .leaf("availabilityZone", i.availabilityZone);
      state(x, "instanceState", i);
      summary(x, "systemStatus", systemStatus(i));
      summary(x, "instanceStatus", instanceStatus(i));
      x.end();
    });
  }

  private static String systemStatus(SimInstance i) {
    return i.ec2State.equals("running") ? (i.osUp ? "ok" : "initializing") : "not-applicable";
  }

  // A corrupted Windows instance never passes the reachability check, as in the field.
  private static String instanceStatus(SimInstance i) {
    if (!i.ec2State.equals("running")) {
      return "not-applicable";
    }
    if (i.corrupted && i.osUp) {
      return "impaired";
    }
    return i.osUp ? "ok" : "initializing";
  }

  private static void summary(Xml x, String element, String status) {
    x.start(element).leaf("status", status);
    if (!status.equals("not-applicable")) {
      String detail = switch (status) {
        case "ok" -> "passed";
        case "impaired" -> "failed";
        default -> "initializing";
      };
      x.start("details").start("item").leaf("name", "reachability").leaf("status", detail).end().end();
    }
    x.end();
  }

  private void changeState(Params p, Xml x, String verb) {
    List<String> ids = p.list("InstanceId");
    if (ids.isEmpty()) {
      throw p.missing("InstanceId");
    }
    List<SimInstance> targets = byIds(ids);
    for (SimInstance i : targets) {
      boolean bad = switch (verb) {
        case "start" -> i.ec2State.equals("terminated") || i.ec2State.equals("shutting-down")
            || i.ec2State.equals("stopping");
        case "stop" -> i.ec2State.equals("terminated") || i.ec2State.equals("shutting-down")
            || i.ec2State.equals("pending");
        default -> false;
      };
      if (bad) {
        throw new ApiException(400, "IncorrectInstanceState", "The instance '" + i.id
            + "' is not in a state from which it can be " + (verb.equals("start") ? "started." : "stopped."));
      }
    }
    boolean hibernate = p.bool("Hibernate", false);
    x.start("instancesSet");
    for (SimInstance i : targets) {
      int prevCode = i.stateCode();
      String prevName = i.ec2State;
      switch (verb) {
        case "start" -> engine.startEc2(i);
        case "stop" -> engine.stopEc2(i, hibernate);
        default -> engine.terminateEc2(i);
      }
      x.start("item").leaf("instanceId", i.id);
      state(x, "currentState", i);
      state(x, "previousState", prevCode, prevName);
      x.end();
    }
    x.end();
  }

  // ------------------------------------------------------------------ tags

  private void tags(Params p, Xml x, boolean create) {
    List<String> resources = p.list("ResourceId");
    if (resources.isEmpty()) {
      throw p.missing("ResourceId");
    }
    List<Params> tags = p.structs("Tag");
    if (create && tags.isEmpty()) {
      throw p.missing("Tag");
    }
    List<Map<String, String>> targets = new ArrayList<>();
    for (String id : resources) {
      if (id.startsWith("i-")) {
        targets.add(byIds(List.of(id)).get(0).tags);
      } else if (id.startsWith("lt-")) {
        LaunchTemplate lt = engine.templates.get(id);
        if (lt == null) {
          throw new ApiException(400, "InvalidLaunchTemplateId.NotFound",
              "The specified launch template, with template ID " + id + ", does not exist.");
        }
        targets.add(lt.tags);
      } else {
        throw new ApiException(400, "InvalidID", "The ID '" + id + "' is not valid");
      }
    }
    for (Params t : tags) {
      String key = t.required("Key");
      if (create && key.startsWith("aws:")) {
        throw new ApiException(400, "InvalidParameterValue", "Value ( " + key
            + " ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use");
      }
    }
    for (Map<String, String> target : targets) {
      if (create) {
        for (Params t : tags) {
          target.put(t.get("Key"), t.get("Value") == null ? "" : t.get("Value"));
        }
      } else if (tags.isEmpty()) {
        target.keySet().removeIf(k -> !k.startsWith("aws:"));
      } else {
        for (Params t : tags) {
          String v = t.get("Value");
          if (v == null || v.equals(target.get(t.get("Key")))) {
            target.remove(t.get("Key"));
          }
        }
      }
    }
    x.leaf("return", true);
  }

  private void describeTags(Params p, Xml x) {
    List<Params> filters = p.structs("Filter");
    List<String[]> matching = new ArrayList<>();
    for (SimInstance i : visible()) {
      i.tags.forEach((k, v) -> matching.add(new String[] {i.id, "instance", k, v}));
    }
    for (LaunchTemplate lt : engine.templates.values()) {
      lt.tags.forEach((k, v) -> matching.add(new String[] {lt.id, "launch-template", k, v}));
    }
    matching.removeIf(t -> !filtersMatch(filters, name -> switch (name) {
      case "resource-id" -> List.of(t[0]);
      case "resource-type" -> List.of(t[1]);
      case "key" -> List.of(t[2]);
      case "value" -> List.of(t[3]);
      default -> name.startsWith("tag:") ? (t[2].equals(name.substring(4)) ? List.of(t[3]) : List.of())
          : unknownFilter(name);
    }));
    page(p, x, matching, "tagSet", t -> x.start("item")
        .leaf("resourceId", t[0]).leaf("resourceType", t[1]).leaf("key", t[2]).leaf("value", t[3]).end());
  }
}
