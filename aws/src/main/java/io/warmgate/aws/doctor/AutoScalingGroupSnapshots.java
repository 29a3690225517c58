package io.warmgate.aws.doctor;

import io.warmgate.aws.internal.SdkLifecycleHooks;
import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.doctor.EventRoutes;
import io.warmgate.core.doctor.GroupInstance;
import io.warmgate.core.doctor.GroupSnapshot;
import io.warmgate.core.doctor.HookFacts;
import io.warmgate.core.doctor.ScalingActivity;
import io.warmgate.core.doctor.WarmPoolFacts;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.policy.MetadataParser;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.PolicyResolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeScalingActivitiesResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeWarmPoolResponse;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolConfiguration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Reads one group for {@code warmgate doctor}: DescribeAutoScalingGroups, DescribeWarmPool, DescribeLifecycleHooks,
 * DescribeScalingActivities and DescribeInstances (for launch times), into a {@link GroupSnapshot}. Read-only:
 * it changes nothing. Blocking; thread-safe.
 *
 * <p>Whether a warmgate gate serves a launching hook, and whether it heartbeats, comes from the hook's
 * NotificationMetadata (a {@code "warmgate"} object) or the group's managed tag, resolved as the gate resolves
 * it (defaults, then metadata; the gate's own environment is not visible from here).
 */
public final class AutoScalingGroupSnapshots {

  /** Activity history read per group: the newest pages only. */
  static final int ACTIVITY_PAGES = 3;
  static final int WARM_POOL_PAGES = 40;
  static final int EC2_IDS_PER_CALL = 200;

  private final AutoScalingClient autoScaling;
  private final Ec2Client ec2;
  private final String managedTagKey;
  private final MetadataParser parser;
  private final PolicyResolver resolver;

  /**
   * @param autoScaling the Auto Scaling client; not closed here
   * @param ec2 the EC2 client; not closed here
   * @param managedTagKey the tag whose value {@code true} puts a group under a warmgate daemon; blank for none
   * @param parser reads warmgate settings from NotificationMetadata
   */
  public AutoScalingGroupSnapshots(AutoScalingClient autoScaling, Ec2Client ec2, String managedTagKey,
      MetadataParser parser) {
    this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
    this.ec2 = Objects.requireNonNull(ec2, "ec2");
    this.managedTagKey = Objects.requireNonNull(managedTagKey, "managedTagKey").trim();
    this.parser = Objects.requireNonNull(parser, "parser");
    this.resolver = new PolicyResolver(parser, List.of());
  }

  /**
   * Reads the group.
   *
   * @param group the group's name
   * @param routes the account's EventBridge rules, read once for all groups
   * @param localNow this machine's time, used only if the endpoint's answer carries no {@code Date} header; the
   *     snapshot is taken at the endpoint's time, so waiting times are right whatever this clock's skew (and against
   *     an emulator whose clock runs accelerated)
   * @return the snapshot, or empty if there is no such group
   * @throws io.warmgate.core.port.GatePortException if a call fails (unreachable, denied, throttled past retries)
   */
  public Optional<GroupSnapshot> read(String group, EventRoutes routes, Instant localNow) {
    Objects.requireNonNull(group, "group");
    DescribeAutoScalingGroupsResponse response = describeGroup(group);
    Optional<AutoScalingGroup> found = response.autoScalingGroups().stream()
        .filter(g -> group.equals(g.autoScalingGroupName())).findFirst();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Instant now = response.sdkHttpResponse().firstMatchingHeader("Date").flatMap(AutoScalingGroupSnapshots::httpDate)
        .orElse(localNow);
    AutoScalingGroup g = found.get();
    Map<String, String> tags = new LinkedHashMap<>();
    for (TagDescription t : g.tags()) {
      tags.put(t.key(), t.value() == null ? "" : t.value());
    }
    Optional<String> managedBy = managedTagKey.isEmpty()
        || !tags.getOrDefault(managedTagKey, "").trim().toLowerCase(Locale.ROOT).equals("true")
        ? Optional.empty() : Optional.of("tag " + managedTagKey + "=true");

    List<Instance> inService = g.instances();
    List<Instance> pooled = new ArrayList<>();
    Optional<WarmPoolFacts> pool = describeWarmPool(group, pooled);
    List<HookFacts> hooks = describeHooks(group, managedBy.isPresent(), pool.isPresent());
    List<ScalingActivity> activities = describeActivities(group);

    List<String> ids = new ArrayList<>();
    inService.forEach(i -> ids.add(i.instanceId()));
    pooled.forEach(i -> ids.add(i.instanceId()));
    Map<String, Instant> launched = launchTimes(group, ids);
    List<GroupInstance> instances = new ArrayList<>();
    for (Instance i : inService) {
      instances.add(instance(i, false, launched));
    }
    for (Instance i : pooled) {
      instances.add(instance(i, true, launched));
    }
    return Optional.of(new GroupSnapshot(group, now, orZero(g.minSize()), orZero(g.maxSize()),
        orZero(g.desiredCapacity()), tags, instances, pool, hooks, activities, routes, managedBy));
  }

  private static GroupInstance instance(Instance i, boolean pooled, Map<String, Instant> launched) {
    return new GroupInstance(i.instanceId(), Objects.requireNonNullElse(i.lifecycleStateAsString(), ""),
        Objects.requireNonNullElse(i.healthStatus(), ""), pooled, Optional.ofNullable(launched.get(i.instanceId())));
  }

  private static Optional<Instant> httpDate(String value) {
    try {
      return Optional.of(java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private DescribeAutoScalingGroupsResponse describeGroup(String group) {
    try {
      return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(group));
    } catch (SdkException e) {
      throw AwsFailures.wrap("DescribeAutoScalingGroups for group " + group, e);
    }
  }

  private Optional<WarmPoolFacts> describeWarmPool(String group, List<Instance> pooled) {
    WarmPoolConfiguration config = null;
    Set<String> tokens = new HashSet<>();
    String token = null;
    try {
      for (int page = 0; page < WARM_POOL_PAGES; page++) {
        String next = token;
        DescribeWarmPoolResponse r = autoScaling.describeWarmPool(b -> b.autoScalingGroupName(group).maxRecords(50)
            .nextToken(next));
        if (r.warmPoolConfiguration() != null) {
          config = r.warmPoolConfiguration();
        }
        pooled.addAll(r.instances());
        token = r.nextToken();
        if (token == null || token.isEmpty() || !tokens.add(token)) {
          break;
        }
      }
    } catch (SdkException e) {
      throw AwsFailures.wrap("DescribeWarmPool for group " + group, e);
    }
    if (config == null) {
      return Optional.empty();
    }
    boolean reuse = config.instanceReusePolicy() != null
        && Boolean.TRUE.equals(config.instanceReusePolicy().reuseOnScaleIn());
    return Optional.of(new WarmPoolFacts(orZero(config.minSize()), Optional.ofNullable(config.maxGroupPreparedCapacity()),
        config.poolState() == null ? "Stopped" : config.poolStateAsString(), reuse));
  }

  private List<HookFacts> describeHooks(String group, boolean managed, boolean hasPool) {
    List<software.amazon.awssdk.services.autoscaling.model.LifecycleHook> raw;
    try {
      raw = autoScaling.describeLifecycleHooks(r -> r.autoScalingGroupName(group)).lifecycleHooks();
    } catch (SdkException e) {
      throw AwsFailures.wrap("DescribeLifecycleHooks for group " + group, e);
    }
    List<HookFacts> hooks = new ArrayList<>();
    for (var h : raw) {
      LifecycleHook hook = SdkLifecycleHooks.toHook(group, h);
      Optional<Boolean> heartbeats = hook.transition() == LifecycleTransition.LAUNCHING
          ? gateHeartbeats(hook, managed, hasPool) : Optional.empty();
      hooks.add(new HookFacts(hook, Optional.ofNullable(h.notificationTargetARN()).filter(s -> !s.isBlank()),
          heartbeats));
    }
    return hooks;
  }

  private Optional<Boolean> gateHeartbeats(LifecycleHook hook, boolean managed, boolean hasPool) {
    try {
      boolean configured = hook.notificationMetadata()
          .map(m -> !parser.parse(PolicyResolver.metadataSource(hook.hookName()), m).isEmpty()).orElse(false);
      if (!configured && !managed) {
        return Optional.empty();
      }
      PhasePolicies policies = resolver.resolve(hook);
      return Optional.of((hasPool ? policies.enteringWarmPool() : policies.coldStart()).heartbeats());
    } catch (InvalidConfigurationException e) {
      // A gate with invalid settings fails each action; whether it would heartbeat is unknown.
      return Optional.empty();
    }
  }

  private List<ScalingActivity> describeActivities(String group) {
    List<ScalingActivity> out = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    String token = null;
    try {
      for (int page = 0; page < ACTIVITY_PAGES; page++) {
        String next = token;
        DescribeScalingActivitiesResponse r = autoScaling.describeScalingActivities(b -> b.autoScalingGroupName(group)
            .maxRecords(100).nextToken(next));
        for (Activity a : r.activities()) {
          if (a.activityId() != null && a.description() != null && a.startTime() != null) {
            out.add(new ScalingActivity(a.activityId(), a.description(), a.startTime(),
                Optional.ofNullable(a.endTime()), Objects.requireNonNullElse(a.statusCodeAsString(), "")));
          }
        }
        token = r.nextToken();
        if (token == null || token.isEmpty() || !tokens.add(token)) {
          break;
        }
      }
    } catch (SdkException e) {
      throw AwsFailures.wrap("DescribeScalingActivities for group " + group, e);
    }
    return out;
  }

  // A filter, not InstanceIds: an instance that EC2 has already forgotten must not fail the whole call.
  private Map<String, Instant> launchTimes(String group, List<String> ids) {
    Map<String, Instant> out = new HashMap<>();
    try {
      for (int from = 0; from < ids.size(); from += EC2_IDS_PER_CALL) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + EC2_IDS_PER_CALL));
        ec2.describeInstancesPaginator(r -> r.filters(Filter.builder().name("instance-id").values(chunk).build()))
            .reservations().forEach(res -> res.instances().forEach(i -> {
              if (i.launchTime() != null) {
                out.put(i.instanceId(), i.launchTime());
              }
            }));
      }
    } catch (SdkException e) {
      throw AwsFailures.wrap("DescribeInstances for the instances of group " + group, e);
    }
    return out;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
