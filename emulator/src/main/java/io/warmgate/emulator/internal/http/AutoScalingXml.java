package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.Activity;
import io.warmgate.emulator.internal.engine.Group;
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

  static void template(Xml x, Group g) {
    if (g.launchTemplate() == null) {
      return;
    }
    x.start("LaunchTemplate")
        .leaf("LaunchTemplateId", g.launchTemplate().id)
        .leaf("LaunchTemplateName", g.launchTemplate().name)
        .leaf("Version", g.launchTemplateVersion())
        .end();
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
        .leaf("Status", pool.status())
        .start("InstanceReusePolicy").leaf("ReuseOnScaleIn", pool.reuseOnScaleIn()).end()
        .end();
  }
}
