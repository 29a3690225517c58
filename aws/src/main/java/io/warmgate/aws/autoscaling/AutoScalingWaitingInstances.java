package io.warmgate.aws.autoscaling;

import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.WaitingInstances;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.DescribeWarmPoolResponse;
import software.amazon.awssdk.services.autoscaling.model.Instance;

/**
 * Lists a group's instances held in a wait state ({@code *:Wait}): the group's own instances from
 * {@code DescribeAutoScalingGroups} and its warm pool from {@code DescribeWarmPool} (which
 * {@code DescribeAutoScalingGroups} does not list), both paginated.
 *
 * <p>A group that does not exist has no waiting instances. Blocking; thread-safe.
 */
public final class AutoScalingWaitingInstances implements WaitingInstances {

  // A warm pool holds at most a few thousand instances; 50 per page bounds the loop generously.
  private static final int MAX_WARM_POOL_PAGES = 200;

  private final AutoScalingClient autoScaling;

  /** Uses the given client; does not close it. */
  public AutoScalingWaitingInstances(AutoScalingClient autoScaling) {
    this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
  }

  @Override
  public List<WaitingInstance> list(String groupName) {
    Objects.requireNonNull(groupName, "groupName");
    // Keyed by instance id: an instance moving between pool and group during the two calls counts once.
    Map<String, WaitingInstance> waiting = new LinkedHashMap<>();
    boolean groupExists = false;
    try {
      for (AutoScalingGroup g :
          autoScaling.describeAutoScalingGroupsPaginator(r -> r.autoScalingGroupNames(groupName)).autoScalingGroups()) {
        if (!groupName.equals(g.autoScalingGroupName())) {
          continue;
        }
        groupExists = true;
        for (Instance i : g.instances()) {
          add(waiting, groupName, i.instanceId(), i.lifecycleStateAsString());
        }
      }
    } catch (SdkException e) {
      throw AwsFailures.wrap("DescribeAutoScalingGroups for group " + groupName, e);
    }
    if (!groupExists) {
      return List.of();
    }
    for (Instance i : warmPool(groupName)) {
      add(waiting, groupName, i.instanceId(), i.lifecycleStateAsString());
    }
    return List.copyOf(waiting.values());
  }

  private List<Instance> warmPool(String groupName) {
    List<Instance> all = new ArrayList<>();
    String next = null;
    try {
      for (int page = 0; page < MAX_WARM_POOL_PAGES; page++) {
        String token = next;
        DescribeWarmPoolResponse response =
            autoScaling.describeWarmPool(r -> r.autoScalingGroupName(groupName).maxRecords(50).nextToken(token));
        all.addAll(response.instances());
        next = response.nextToken();
        if (next == null || next.isEmpty()) {
          return all;
        }
        if (next.equals(token)) {
          // An endpoint that hands back the token it was given would page forever (or 200 times a sweep).
          throw new GatePortException(
              "DescribeWarmPool for group " + groupName + " returned the same NextToken again; stopped paging", null, false);
        }
      }
      throw new GatePortException("DescribeWarmPool for group " + groupName + " returned more than "
          + MAX_WARM_POOL_PAGES + " pages", null, false);
    } catch (SdkException e) {
      if (AwsFailures.hasCode(e, "ValidationError")
          && AwsFailures.errorMessage(e).toLowerCase(Locale.ROOT).contains("not found")) {
        // The group vanished between the two calls.
        return all;
      }
      throw AwsFailures.wrap("DescribeWarmPool for group " + groupName, e);
    }
  }

  private static void add(Map<String, WaitingInstance> waiting, String group, String id, String state) {
    if (id != null && state != null && state.endsWith(":Wait")) {
      waiting.put(id, new WaitingInstance(group, id, state));
    }
  }
}
