package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.engine.Ec2State;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.SimInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Parses and renders the EC2 instance operations: DescribeInstances, DescribeInstanceStatus, Start/Stop/TerminateInstances. */
final class Ec2InstancesApi {
  private final Engine engine;

  Ec2InstancesApi(Engine engine) {
    this.engine = engine;
  }

  private List<SimInstance> selected(Params p) {
    List<String> ids = p.list("InstanceId");
    maxResults(p, ids);
    return ids.isEmpty() ? engine.ec2().visibleInstances() : engine.ec2().visibleInstances(ids);
  }

  private static List<String> filterValues(SimInstance i, String name) {
    return switch (name) {
      case "instance-id" -> List.of(i.id);
      case "instance-state-name" -> List.of(i.ec2State().wire());
      case "instance-state-code" -> List.of(String.valueOf(i.ec2State().code()));
      case "instance-type" -> List.of(i.instanceType);
      case "image-id" -> List.of(i.imageId);
      case "availability-zone" -> List.of(i.availabilityZone);
      case "private-ip-address", "network-interface.addresses.private-ip-address" -> List.of(i.privateIp);
      case "private-dns-name" -> List.of(i.privateDnsName());
      case "reservation-id" -> List.of(i.reservationId);
      case "platform" -> i.profile.windowsPlatform() ? List.of("windows") : List.of();
      case "tag-key" -> List.copyOf(i.tags().keySet());
      case "tag-value" -> List.copyOf(i.tags().values());
      default -> name.startsWith("tag:") ? Ec2Filters.optional(i.tags().get(name.substring(4)))
          : Ec2Filters.unknown(name);
    };
  }

  private static void maxResults(Params p, List<String> ids) {
    Integer max = p.integer("MaxResults");
    if (max == null) {
      return;
    }
    if (!ids.isEmpty()) {
      throw new ApiException(400, "InvalidParameterCombination",
          "The parameter instancesSet cannot be used with the parameter maxResults");
    }
    if (max < 5 || max > 1000) {
      throw new ApiException(400, "InvalidParameterValue",
          "Value ( " + max + " ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
    }
  }

  void describeInstances(Params p, Xml x) {
    List<Ec2Filters.Filter> filters = Ec2Filters.of(p);
    List<SimInstance> matching = new ArrayList<>();
    for (SimInstance i : selected(p)) {
      if (Ec2Filters.match(filters, name -> filterValues(i, name))) {
        matching.add(i);
      }
    }
    Ec2Filters.page(p, x, matching, "reservationSet", i -> {
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
    boolean windows = i.profile.windowsPlatform();
    x.start("item")
        .leaf("instanceId", i.id)
        .leaf("imageId", i.imageId);
    state(x, "instanceState", i.ec2State());
    x.leaf("privateDnsName", i.privateDnsName())
        .empty("dnsName")
        .leaf("reason", i.stateReason().isEmpty() ? null : i.stateReason())
        .leaf("amiLaunchIndex", 0)
        .empty("productCodes")
        .leaf("instanceType", i.instanceType)
        .leaf("launchTime", i.launchTime())
        .start("placement").leaf("availabilityZone", i.availabilityZone).empty("groupName")
        .leaf("tenancy", "default").end()
        .leaf("platform", windows ? "windows" : null)
        .start("monitoring").leaf("state", "disabled").end()
        .leaf("subnetId", "subnet-0a1b2c3d4e5f60718")
        .leaf("vpcId", "vpc-0a1b2c3d4e5f60718")
        .leaf("privateIpAddress", i.privateIp)
        .leaf("sourceDestCheck", true)
        .empty("groupSet");
    if (i.ec2State().down()) {
      x.start("stateReason").leaf("code", "Client.UserInitiatedShutdown")
          .leaf("message", "Client.UserInitiatedShutdown: User initiated shutdown").end();
    }
    x.leaf("architecture", "x86_64")
        .leaf("rootDeviceType", "ebs")
        .leaf("rootDeviceName", windows ? "/dev/sda1" : "/dev/xvda")
        .empty("blockDeviceMapping")
        .leaf("virtualizationType", "hvm")
        .leaf("clientToken", "")
        .start("tagSet");
    i.tags().forEach((k, v) -> x.start("item").leaf("key", k).leaf("value", v).end());
    x.end()
        .leaf("hypervisor", "xen")
        .empty("networkInterfaceSet")
        .leaf("ebsOptimized", false)
        .leaf("enaSupport", true)
        .leaf("platformDetails", windows ? "Windows" : "Linux/UNIX")
        .leaf("usageOperation", windows ? "RunInstances:0002" : "RunInstances")
        .end();
  }

  private static void state(Xml x, String element, Ec2State state) {
    x.start(element).leaf("code", state.code()).leaf("name", state.wire()).end();
  }

  void describeInstanceStatus(Params p, Xml x) {
    boolean all = p.bool("IncludeAllInstances", false);
    List<Ec2Filters.Filter> filters = Ec2Filters.of(p);
    List<SimInstance> matching = new ArrayList<>();
    for (SimInstance i : selected(p)) {
      if (!all && i.ec2State() != Ec2State.RUNNING) {
        continue;
      }
      if (Ec2Filters.match(filters, name -> switch (name) {
        case "instance-state-name" -> List.of(i.ec2State().wire());
        case "instance-state-code" -> List.of(String.valueOf(i.ec2State().code()));
        case "availability-zone" -> List.of(i.availabilityZone);
        case "instance-status.status" -> List.of(instanceStatus(i));
        case "system-status.status" -> List.of(systemStatus(i));
        default -> Ec2Filters.unknown(name);
      })) {
        matching.add(i);
      }
    }
    Ec2Filters.page(p, x, matching, "instanceStatusSet", i -> {
      x.start("item")
          .leaf("instanceId", i.id)
          .leaf("availabilityZone", i.availabilityZone);
      state(x, "instanceState", i.ec2State());
      summary(x, "systemStatus", systemStatus(i));
      summary(x, "instanceStatus", instanceStatus(i));
      x.end();
    });
  }

  private static String systemStatus(SimInstance i) {
    return i.ec2State() == Ec2State.RUNNING ? (i.osUp() ? "ok" : "initializing") : "not-applicable";
  }

  // A corrupted Windows instance never passes the reachability check, as in the field.
  private static String instanceStatus(SimInstance i) {
    if (i.ec2State() != Ec2State.RUNNING) {
      return "not-applicable";
    }
    if (i.corrupted() && i.osUp()) {
      return "impaired";
    }
    return i.osUp() ? "ok" : "initializing";
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

  void start(Params p, Xml x) {
    changeState(p, x, engine.ec2()::startInstances);
  }

  void stop(Params p, Xml x) {
    boolean hibernate = p.bool("Hibernate", false);
    changeState(p, x, targets -> engine.ec2().stopInstances(targets, hibernate));
  }

  void terminate(Params p, Xml x) {
    changeState(p, x, engine.ec2()::terminateInstances);
  }

  private void changeState(Params p, Xml x, Consumer<List<SimInstance>> command) {
    List<String> ids = p.list("InstanceId");
    if (ids.isEmpty()) {
      throw p.missing("InstanceId");
    }
    List<SimInstance> targets = engine.ec2().visibleInstances(ids);
    List<Ec2State> previous = targets.stream().map(SimInstance::ec2State).toList();
    command.accept(targets);
    x.start("instancesSet");
    for (int k = 0; k < targets.size(); k++) {
      SimInstance i = targets.get(k);
      x.start("item").leaf("instanceId", i.id);
      state(x, "currentState", i.ec2State());
      state(x, "previousState", previous.get(k));
      x.end();
    }
    x.end();
  }

  /**
   * DescribeInstanceAttribute for {@code instanceType}, {@code userData} and {@code disableApiTermination}, from the
   * launch template version the instance was launched from; the other attributes EC2 names are refused, since the
   * emulator does not model them. A {@code userData} that was never set is an empty element, as EC2 answers it.
   */
  void describeAttribute(Params p, Xml x) {
    String id = p.required("InstanceId");
    String attribute = p.required("Attribute");
    SimInstance i = engine.ec2().visibleInstances(List.of(id)).get(0);
    x.leaf("instanceId", i.id);
    switch (attribute) {
      case "instanceType" -> x.start("instanceType").leaf("value", i.instanceType).end();
      case "userData" -> {
        if (i.userData == null) {
          x.empty("userData");
        } else {
          x.start("userData").leaf("value", i.userData).end();
        }
      }
      case "disableApiTermination" -> x.start("disableApiTermination").leaf("value", i.disableApiTermination).end();
      case "kernel", "ramdisk", "instanceInitiatedShutdownBehavior", "rootDeviceName", "blockDeviceMapping",
          "productCodes", "sourceDestCheck", "groupSet", "ebsOptimized", "sriovNetSupport", "enaSupport",
          "enclaveOptions", "disableApiStop" -> throw ApiException.ec2Invalid("The emulator does not model the "
              + "instance attribute " + attribute + "; it answers instanceType, userData and disableApiTermination.");
      default -> throw ApiException.ec2Invalid("Value (" + Check.echo(attribute)
          + ") for parameter attribute is invalid. Unknown attribute.");
    }
  }
}
