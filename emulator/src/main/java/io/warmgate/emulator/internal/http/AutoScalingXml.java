package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.Activity;
import io.warmgate.emulator.internal.engine.Group;
import io.warmgate.emulator.internal.engine.GroupSettings;
import io.warmgate.emulator.internal.engine.SimInstance;
import io.warmgate.emulator.internal.engine.WarmPool;
import java.util.List;
import java.util.function.Consumer;

/** Writes the Auto Scaling shapes that several operations share: instances, templates, tags, activities, pages. */
final class AutoScalingXml {
  private AutoScalingXml() {
  }

  /**
   * Writes one page of items as a {@code member} list and, if more follow, a NextToken; the page
   * starts at the request's NextToken and holds at most {@code maxRecords}.
   */
  static <T> void page(Xml x, Params p, String listName, List<T> items, int maxRecords, Consumer<T> member) {
    int from = p.offset("NextToken");
    int to = (int) Math.min(items.size(), (long) from + maxRecords);
    x.start(listName);
    for (int k = Math.min(from, to); k < to; k++) {
      member.accept(items.get(k));
    }
    x.end();
    if (to < items.size()) {
      x.leaf("NextToken", Params.token(to));
    }
  }

  /** Writes the group's launch template as a {@code LaunchTemplate}; Version only if the group named one. */
  static void template(Xml x, Group g) {
    if (g.launchTemplate() == null) {
      return;
    }
    x.start("LaunchTemplate");
    templateSpec(x, g);
    x.end();
  }

  private static void templateSpec(Xml x, Group g) {
    x.leaf("LaunchTemplateId", g.launchTemplate().id)
        .leaf("LaunchTemplateName", g.launchTemplate().name)
        .leaf("Version", g.launchTemplateVersion());
  }

  /** Writes the group's launch source: its MixedInstancesPolicy if it has one, else its LaunchTemplate. */
  static void launchSource(Xml x, Group g) {
    GroupSettings.MixedPolicy mixed = g.mixedPolicy();
    if (mixed == null) {
      template(x, g);
      return;
    }
    x.start("MixedInstancesPolicy").start("LaunchTemplate").start("LaunchTemplateSpecification");
    templateSpec(x, g);
    x.end();
    if (!mixed.overrides().isEmpty()) {
      x.start("Overrides");
      for (GroupSettings.Override o : mixed.overrides()) {
        x.start("member").leaf("InstanceType", o.instanceType()).leaf("WeightedCapacity", o.weightedCapacity()).end();
      }
      x.end();
    }
    x.end();
    if (!mixed.distribution().isEmpty()) {
      x.start("InstancesDistribution");
      mixed.distribution().forEach(x::leaf);
      x.end();
    }
    x.end();
  }

  /** Writes an instance as DescribeAutoScalingGroups and DescribeWarmPool list it. */
  static void instance(Xml x, SimInstance i, String health) {
    x.start("member")
        .leaf("InstanceId", i.id)
        .leaf("InstanceType", i.instanceType)
        .leaf("AvailabilityZone", i.availabilityZone)
        .leaf("LifecycleState", i.lifecycle().wire())
        .leaf("HealthStatus", health);
    if (i.group() != null) {
      template(x, i.group());
    }
    x.leaf("ProtectedFromScaleIn", i.protectedFromScaleIn()).end();
  }

  static void tag(Xml x, String group, Group.Tag t) {
    x.start("member")
        .leaf("ResourceId", group)
        .leaf("ResourceType", "auto-scaling-group")
        .leaf("Key", t.key())
        .leaf("Value", t.value())
        .leaf("PropagateAtLaunch", t.propagateAtLaunch())
        .end();
  }

  static void activity(Xml x, Activity a) {
    x.leaf("ActivityId", a.id())
        .leaf("AutoScalingGroupName", a.groupName())
        .leaf("Description", a.description())
        .leaf("Cause", a.cause())
        .leaf("StartTime", a.start())
        .leaf("EndTime", a.end())
        .leaf("StatusCode", a.statusCode())
        .leaf("StatusMessage", a.statusMessage())
        .leaf("Progress", a.progress())
        .leaf("Details", a.details())
        .leaf("AutoScalingGroupARN", a.groupArn());
  }

  static void poolConfig(Xml x, WarmPool pool) {
    x.start("WarmPoolConfiguration")
        .leaf("MaxGroupPreparedCapacity", pool.maxGroupPreparedCapacity())
        .leaf("MinSize", pool.minSize())
        .leaf("PoolState", pool.poolState().wire())
        .leaf("Status", pool.status());
    // Left out unless PutWarmPool gave it, as AWS leaves it out.
    if (pool.reusePolicyGiven()) {
      x.start("InstanceReusePolicy").leaf("ReuseOnScaleIn", pool.reuseOnScaleIn()).end();
    }
    x.end();
  }
}
