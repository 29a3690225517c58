package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.Activity;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.Group;
import io.warmgate.emulator.internal.engine.GroupSettings;
import io.warmgate.emulator.internal.engine.GroupTag;
import io.warmgate.emulator.internal.engine.SimInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses and renders the Auto Scaling group operations: groups, their instances, activities and tags. */
final class AutoScalingGroupsApi {
  private final Engine engine;

  AutoScalingGroupsApi(Engine engine) {
    this.engine = engine;
  }

  private static GroupSettings settings(Params p) {
    Params lt = p.sub("LaunchTemplate");
    Params mixed = p.sub("MixedInstancesPolicy");
    Params maintenance = p.sub("InstanceMaintenancePolicy");
    return new GroupSettings(p.required("AutoScalingGroupName"), p.integer("MinSize"), p.integer("MaxSize"),
        p.integer("DesiredCapacity"), lt.isEmpty() ? null : templateRef(lt), p.integer("DefaultCooldown"),
        p.get("HealthCheckType"), p.integer("HealthCheckGracePeriod"), p.bool("NewInstancesProtectedFromScaleIn"),
        p.list("AvailabilityZones"), p.get("VPCZoneIdentifier"), mixed.isEmpty() ? null : mixedPolicy(mixed),
        maintenance.isEmpty() ? null : new GroupSettings.MaintenancePolicy(maintenance.integer("MinHealthyPercentage"),
            maintenance.integer("MaxHealthyPercentage")),
        p.get("InstanceLifecyclePolicy.RetentionTriggers.TerminateHookAbandon"));
  }

  private static GroupSettings.TemplateRef templateRef(Params lt) {
    return new GroupSettings.TemplateRef(lt.get("LaunchTemplateId"), lt.get("LaunchTemplateName"), lt.get("Version"));
  }

  /** Parses a MixedInstancesPolicy: its launch template specification, overrides and instances distribution. */
  private static GroupSettings.MixedPolicy mixedPolicy(Params mixed) {
    Params lt = mixed.sub("LaunchTemplate");
    Params spec = lt.sub("LaunchTemplateSpecification");
    if (spec.isEmpty()) {
      throw ApiException.validation("Valid requests must contain either launchTemplateId or LaunchTemplateName");
    }
    List<GroupSettings.Override> overrides = new ArrayList<>();
    for (Params o : lt.structs("Overrides")) {
      overrides.add(new GroupSettings.Override(o.get("InstanceType"), o.get("WeightedCapacity")));
    }
    Map<String, String> distribution = new java.util.LinkedHashMap<>();
    for (String member : List.of("OnDemandAllocationStrategy", "OnDemandBaseCapacity",
        "OnDemandPercentageAboveBaseCapacity", "SpotAllocationStrategy", "SpotInstancePools", "SpotMaxPrice")) {
      String value = mixed.get("InstancesDistribution." + member);
      if (value != null) {
        distribution.put(member, value);
      }
    }
    return new GroupSettings.MixedPolicy(templateRef(spec), overrides, distribution);
  }

  void create(Params p) {
    List<io.warmgate.emulator.internal.engine.HookSpec> hooks = new ArrayList<>();
    for (Params h : p.structs("LifecycleHookSpecificationList")) {
      hooks.add(AutoScalingHooksApi.hookSpec(h));
    }
    engine.autoScaling().createGroup(settings(p), hooks, tags(p));
  }

  void update(Params p) {
    engine.autoScaling().updateGroup(settings(p));
  }

  void delete(Params p) {
    engine.autoScaling().deleteGroup(p.required("AutoScalingGroupName"), p.bool("ForceDelete", false));
  }

  void setDesired(Params p) {
    Integer desired = p.integer("DesiredCapacity");
    if (desired == null) {
      throw p.missing("DesiredCapacity");
    }
    engine.autoScaling().setDesiredCapacity(p.required("AutoScalingGroupName"), desired);
  }

  void terminate(Params p, Xml x) {
    String id = p.required("InstanceId");
    Boolean decrement = p.bool("ShouldDecrementDesiredCapacity");
    if (decrement == null) {
      throw p.missing("ShouldDecrementDesiredCapacity");
    }
    Activity a = engine.autoScaling().terminateInstance(id, decrement);
    x.start("Activity");
    AutoScalingXml.activity(x, a);
    x.end();
  }

  void describe(Params p, Xml x) {
    List<String> names = p.list("AutoScalingGroupNames");
    int maxRecords = p.integer("MaxRecords", 1, 100, 50);
    List<Params> filters = p.structs("Filters");
    List<Group> matching = new ArrayList<>();
    for (Group g : engine.groups()) {
      if ((names.isEmpty() || names.contains(g.name)) && groupMatches(g, filters)) {
        matching.add(g);
      }
    }
    AutoScalingXml.page(x, p, "AutoScalingGroups", matching, maxRecords, g -> writeGroup(x, g));
  }

  private static boolean groupMatches(Group g, List<Params> filters) {
    for (Params f : filters) {
      String name = f.get("Name");
      List<String> values = f.list("Values");
      if (name == null) {
        continue;
      }
      boolean ok;
      if (name.startsWith("tag:")) {
        Group.Tag t = g.tag(name.substring(4));
        ok = t != null && values.contains(t.value());
      } else if (name.equals("tag-key")) {
        ok = g.tags().stream().anyMatch(t -> values.contains(t.key()));
      } else if (name.equals("tag-value")) {
        ok = g.tags().stream().anyMatch(t -> values.contains(t.value()));
      } else {
        throw ApiException.validation("Filter name " + Check.echo(name) + " is invalid.");
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private void writeGroup(Xml x, Group g) {
    x.start("member")
        .leaf("AutoScalingGroupName", g.name)
        .leaf("AutoScalingGroupARN", g.arn);
    AutoScalingXml.launchSource(x, g);
    x.leaf("MinSize", g.minSize())
        .leaf("MaxSize", g.maxSize())
        .leaf("DesiredCapacity", g.desired())
        .leaf("DefaultCooldown", g.defaultCooldown());
    x.start("AvailabilityZones");
    for (String az : g.availabilityZones().isEmpty() ? List.of(engine.region + "a") : g.availabilityZones()) {
      x.leaf("member", az);
    }
    x.end();
    x.empty("LoadBalancerNames").empty("TargetGroupARNs")
        .leaf("HealthCheckType", g.healthCheckType())
        .leaf("HealthCheckGracePeriod", g.healthCheckGracePeriod());
    x.start("Instances");
    for (SimInstance i : g.instances()) {
      if (!i.warm()) {
        AutoScalingXml.instance(x, i, i.unhealthy() ? "Unhealthy" : "Healthy");
      }
    }
    x.end();
    x.leaf("CreatedTime", g.createdTime).empty("SuspendedProcesses");
    x.leaf("VPCZoneIdentifier", g.vpcZoneIdentifier());
    x.empty("EnabledMetrics");
    x.start("Tags");
    for (Group.Tag t : g.tags()) {
      AutoScalingXml.tag(x, g.name, t);
    }
    x.end();
    x.start("TerminationPolicies").leaf("member", "Default").end();
    x.leaf("NewInstancesProtectedFromScaleIn", g.newInstancesProtectedFromScaleIn())
        .leaf("ServiceLinkedRoleARN", "arn:aws:iam::" + engine.accountId
            + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
        .leaf("CapacityRebalance", false);
    if (g.warmPool() != null) {
      AutoScalingXml.poolConfig(x, g.warmPool());
      x.leaf("WarmPoolSize", g.warmPoolTarget());
    }
    if (g.maintenancePolicy() != null) {
      x.start("InstanceMaintenancePolicy")
          .leaf("MinHealthyPercentage", g.maintenancePolicy().minHealthyPercentage())
          .leaf("MaxHealthyPercentage", g.maintenancePolicy().maxHealthyPercentage())
          .end();
    }
    if (g.terminateHookAbandon() != null) {
      x.start("InstanceLifecyclePolicy").start("RetentionTriggers")
          .leaf("TerminateHookAbandon", g.terminateHookAbandon()).end().end();
    }
    x.end();
  }

  void describeInstances(Params p, Xml x) {
    List<String> ids = p.list("InstanceIds");
    int maxRecords = p.integer("MaxRecords", 1, 50, 50);
    List<SimInstance> matching = new ArrayList<>();
    for (SimInstance i : engine.instances()) {
      if (i.group() != null && (ids.isEmpty() || ids.contains(i.id))) {
        matching.add(i);
      }
    }
    AutoScalingXml.page(x, p, "AutoScalingInstances", matching, maxRecords, i -> {
      x.start("member")
          .leaf("InstanceId", i.id)
          .leaf("InstanceType", i.instanceType)
          .leaf("AutoScalingGroupName", i.group().name)
          .leaf("AvailabilityZone", i.availabilityZone)
          .leaf("LifecycleState", i.lifecycle().wire())
          .leaf("HealthStatus", i.unhealthy() ? "UNHEALTHY" : "HEALTHY");
      AutoScalingXml.template(x, i.group());
      x.leaf("ProtectedFromScaleIn", i.protectedFromScaleIn()).end();
    });
  }

  void describeActivities(Params p, Xml x) {
    String groupName = p.get("AutoScalingGroupName");
    List<String> ids = p.list("ActivityIds");
    int maxRecords = p.integer("MaxRecords", 1, 100, 100);
    List<Activity> matching = new ArrayList<>();
    for (Group g : engine.groups()) {
      if (groupName == null || g.name.equals(groupName)) {
        matching.addAll(g.activities());
      }
    }
    if (!ids.isEmpty()) {
      matching.removeIf(a -> !ids.contains(a.id()));
    }
    AutoScalingXml.page(x, p, "Activities", matching, maxRecords, a -> {
      x.start("member");
      AutoScalingXml.activity(x, a);
      x.end();
    });
  }

  // ------------------------------------------------------------------ tags

  private static List<GroupTag> tags(Params p) {
    List<GroupTag> tags = new ArrayList<>();
    for (Params t : p.structs("Tags")) {
      tags.add(new GroupTag(t.get("ResourceId"), t.get("ResourceType"), t.required("Key"), t.get("Value"),
          t.bool("PropagateAtLaunch", false)));
    }
    return tags;
  }

  void createOrUpdateTags(Params p) {
    engine.autoScaling().createOrUpdateTags(tagsNamingGroups(p));
  }

  void deleteTags(Params p) {
    engine.autoScaling().deleteTags(tagsNamingGroups(p));
  }

  /** Returns the request's Tags, at least one, each naming its group. */
  private static List<GroupTag> tagsNamingGroups(Params p) {
    List<GroupTag> tags = tags(p);
    if (tags.isEmpty()) {
      throw p.missing("Tags");
    }
    for (Params t : p.structs("Tags")) {
      t.required("ResourceId");
    }
    return tags;
  }

  void describeTags(Params p, Xml x) {
    List<Params> filters = p.structs("Filters");
    int maxRecords = p.integer("MaxRecords", 1, 100, 100);
    List<Map.Entry<String, Group.Tag>> matching = new ArrayList<>();
    for (Group g : engine.groups()) {
      for (Group.Tag t : g.tags()) {
        if (tagMatches(g, t, filters)) {
          matching.add(Map.entry(g.name, t));
        }
      }
    }
    AutoScalingXml.page(x, p, "Tags", matching, maxRecords, e -> AutoScalingXml.tag(x, e.getKey(), e.getValue()));
  }

  private static boolean tagMatches(Group g, Group.Tag t, List<Params> filters) {
    for (Params f : filters) {
      String name = f.get("Name");
      List<String> values = f.list("Values");
      if (name == null) {
        continue;
      }
      boolean ok = switch (name) {
        case "auto-scaling-group" -> values.contains(g.name);
        case "key" -> values.contains(t.key());
        case "value" -> values.contains(t.value());
        case "propagate-at-launch" -> values.contains(String.valueOf(t.propagateAtLaunch()));
        default -> throw ApiException.validation("Filter name " + Check.echo(name) + " is invalid.");
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
