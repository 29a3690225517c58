package io.warmgate.cdk;

import static io.warmgate.core.model.Durations.human;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.services.autoscaling.IAutoScalingGroup;
import software.amazon.awscdk.services.ec2.IPeer;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * Holds the settings of a {@link WarmGate}; build one with {@link #builder()}.
 *
 * <p>Only the group (by name or construct) and the VPC are required. Everything else has a default
 * chosen for a Windows warm pool; see each builder method. {@link Builder#build()} validates the
 * settings against the Auto Scaling and Lambda limits and fails fast with a message naming the
 * setting.
 */
public final class WarmGateProps {

  /** How often the sweep runs; the heartbeat timeout must leave room for at least two sweeps. */
  public static final Duration SWEEP_PERIOD = Duration.ofMinutes(1);

  /** Auto Scaling's bounds for a hook's heartbeat timeout. */
  static final Duration MIN_HEARTBEAT = Duration.ofSeconds(30);
  static final Duration MAX_HEARTBEAT = Duration.ofSeconds(7200);
  /**
   * The time the function keeps back from each invocation: its {@code WARMGATE_LAMBDA_SAFETY_MARGIN}
   * default, which the construct does not change.
   */
  static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);
  /** A hook's global timeout is min(48 h, 100 x heartbeat timeout). */
  static final Duration MAX_GLOBAL_TIMEOUT = Duration.ofHours(48);

  // Each setting once: name, default and check. Getters and builder methods below only name it.
  static final Setting<IAutoScalingGroup> AUTO_SCALING_GROUP = Setting.optional("autoScalingGroup");
  static final Setting<String> AUTO_SCALING_GROUP_NAME = Setting.<String>optional("autoScalingGroupName")
      .accepting(name -> name.matches("[\\x20-\\x7e]{1,255}"), name -> "autoScalingGroupName must be 1..255 printable characters");
  static final Setting<IVpc> VPC = Setting.optional("vpc");
  static final Setting<SubnetSelection> VPC_SUBNETS = Setting.optional("vpcSubnets");
  static final Setting<ISecurityGroup> INSTANCE_SECURITY_GROUP = Setting.optional("instanceSecurityGroup");
  static final Setting<IPeer> HEALTH_PEER = Setting.optional("healthPeer");
  static final Setting<Boolean> ALLOW_API_EGRESS = Setting.withDefault("allowApiEgress", true);
  static final Setting<IPeer> API_PEER = Setting.optional("apiPeer");
  static final Setting<ReadinessPolicy> POLICY = Setting.withDefault("policy", ReadinessPolicy.builder().build())
      // Synth refuses metadata over Auto Scaling's 1,023 characters, instead of CloudFormation later.
      .checkedBy((policy, props) -> policy.toNotificationMetadata());
  static final Setting<String> HOOK_NAME = Setting.withDefault("hookName", "warmgate-launch")
      .accepting(name -> name.matches("[A-Za-z0-9\\-_/]{1,255}"), name -> "hookName must match [A-Za-z0-9-_/]{1,255}, got '" + name + "'");
  static final Setting<Boolean> HOOK_IN_GROUP = Setting.withDefault("hookInGroup", false);
  static final Setting<LifecycleResult> DEFAULT_RESULT = Setting.withDefault("defaultResult", LifecycleResult.ABANDON);
  static final Setting<Code> LAMBDA_CODE = Setting.optional("lambdaCode");
  static final Setting<Path> LAMBDA_JAR = Setting.optional("lambdaJar");
  static final Setting<Integer> MEMORY_SIZE = Setting.withDefault("memorySize", 512)
      .accepting(mb -> mb >= 128 && mb <= 10240, mb -> "memorySize must be 128..10240 MB, got " + mb);
  static final Setting<Duration> TIMEOUT = Setting.withDefault("timeout", Duration.ofMinutes(2))
      .accepting(t -> t.compareTo(Duration.ofSeconds(10)) >= 0 && t.compareTo(Duration.ofMinutes(15)) <= 0,
          t -> "timeout must be 10 seconds..15 minutes, got " + t)
      .checkedBy(WarmGateProps::checkRunBudget);
  static final Setting<Boolean> SNAP_START = Setting.withDefault("snapStart", true);
  static final Setting<Boolean> SHADOW = Setting.withDefault("shadow", false);
  static final Setting<String> MANAGED_TAG = Setting.<String>optional("managedTag")
      // The key lands in an IAM condition key name (autoscaling:ResourceTag/KEY): no wildcards there.
      .accepting(tag -> !tag.isBlank() && tag.length() <= 128 && !tag.equalsIgnoreCase(WarmGate.MANAGED_TAG_OFF)
              && !tag.contains("*") && !tag.contains("?"),
          tag -> "managedTag must be 1..128 characters without * or ?, and not '" + WarmGate.MANAGED_TAG_OFF
              + "'; leave it unset to turn tag discovery off, got '" + tag + "'");
  static final Setting<RetentionDays> LOG_RETENTION = Setting.withDefault("logRetention", RetentionDays.ONE_MONTH);
  static final Setting<Duration> HEARTBEAT_TIMEOUT = Setting.derived("heartbeatTimeout", props -> defaultHeartbeat(props.policy()))
      .accepting(h -> h.compareTo(MIN_HEARTBEAT) >= 0 && h.compareTo(MAX_HEARTBEAT) <= 0 && h.getNano() == 0,
          h -> "heartbeatTimeout must be whole seconds in 30..7200, got " + h)
      .checkedBy(WarmGateProps::checkHeartbeatCoversPolicy);
  static final Setting<Duration> TIME_TO_READY_THRESHOLD = Setting.derived("timeToReadyThreshold",
          props -> Duration.ofSeconds(props.policy().deadline().toSeconds() * 4 / 5))
      .accepting(t -> t.compareTo(Duration.ofSeconds(1)) >= 0, t -> "timeToReadyThreshold must be at least 1 second");
  static final Setting<ITopic> ALARM_TOPIC = Setting.optional("alarmTopic");
  static final Setting<String> ALARM_EMAIL = Setting.<String>optional("alarmEmail")
      .accepting(email -> email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), email -> "alarmEmail must be an email address, got '" + email + "'")
      .checkedBy((email, props) -> {
        if (props.alarmTopic().isPresent()) {
          throw new IllegalStateException("alarmEmail subscribes to the topic the construct creates; with alarmTopic given,"
              + " subscribe the address to that topic instead");
        }
      });
  static final Setting<Boolean> VPC_ENDPOINTS = Setting.withDefault("vpcEndpoints", false);

  /** Every setting, in the order {@link Builder#build()} checks them. */
  static final List<Setting<?>> SETTINGS = List.of(
      AUTO_SCALING_GROUP, AUTO_SCALING_GROUP_NAME, VPC, VPC_SUBNETS, INSTANCE_SECURITY_GROUP, HEALTH_PEER,
      ALLOW_API_EGRESS, API_PEER, POLICY, HOOK_NAME, HOOK_IN_GROUP, DEFAULT_RESULT, LAMBDA_CODE, LAMBDA_JAR,
      MEMORY_SIZE, TIMEOUT, SNAP_START, SHADOW, MANAGED_TAG, LOG_RETENTION, HEARTBEAT_TIMEOUT,
      TIME_TO_READY_THRESHOLD, ALARM_TOPIC, ALARM_EMAIL, VPC_ENDPOINTS);

  /** The values set explicitly; everything else is its setting's default. */
  private final Map<Setting<?>, Object> explicit;

  private WarmGateProps(Map<Setting<?>, Object> explicit) {
    this.explicit = Collections.unmodifiableMap(new HashMap<>(explicit));
  }

  /** Returns a builder with the defaults described on its methods. */
  public static Builder builder() {
    return new Builder(Map.of());
  }

  /**
   * Returns a builder holding these settings, for a variant (e.g. a second group with the same
   * policy). A heartbeat or alarm threshold that was derived from the policy stays derived, so a
   * new policy gets its own.
   */
  public Builder toBuilder() {
    return new Builder(explicit);
  }

  private <T> T get(Setting<T> setting) {
    return setting.valueIn(explicit, this);
  }

  /** The timeout must leave each run what its longest-settling phase needs. */
  private static void checkRunBudget(Duration timeout, WarmGateProps props) {
    Map.Entry<String, Duration> least = props.policy().leastRunBudget();
    if (timeout.minus(SAFETY_MARGIN).compareTo(least.getValue()) < 0) {
      // Each run would restart the streak and hand over before its settle ends: healthy instances abandoned.
      throw new IllegalArgumentException("timeout " + human(timeout) + " leaves a run " + human(timeout.minus(SAFETY_MARGIN))
          + " after the " + human(SAFETY_MARGIN) + " safety margin, but " + least.getKey() + " needs "
          + human(least.getValue()) + " (look-ups, settle or confirming passes, last probe, completion): set timeout to"
          + " at least " + human(least.getValue().plus(SAFETY_MARGIN)));
    }
  }

  /** The heartbeat must outlast two sweeps and two probes, and the hook's global timeout cover the deadline. */
  private static void checkHeartbeatCoversPolicy(Duration heartbeat, WarmGateProps props) {
    ReadinessPolicy policy = props.policy();
    Duration margin = policy.longestInterval().multipliedBy(2);
    Duration floor = margin.compareTo(SWEEP_PERIOD.multipliedBy(2)) > 0 ? margin : SWEEP_PERIOD.multipliedBy(2);
    if (heartbeat.compareTo(floor) < 0) {
      // Shorter than two sweeps or two probes, one late run would let the hook time out.
      throw new IllegalArgumentException("heartbeatTimeout " + heartbeat + " is shorter than " + floor
          + " (2 x max(probe interval, sweep period))");
    }
    Duration global = heartbeat.multipliedBy(100);
    if (global.compareTo(MAX_GLOBAL_TIMEOUT) > 0) {
      global = MAX_GLOBAL_TIMEOUT;
    }
    if (policy.longestDeadline().compareTo(global) > 0) {
      throw new IllegalStateException("the policy deadline " + policy.longestDeadline()
          + " is past the hook's global timeout " + global + " (min(48 h, 100 x heartbeat))");
    }
  }

  /**
   * The heartbeat timeout used when none is set: long enough to survive a few missed probes and at
   * least three sweeps (5 minutes for the default policy), within Auto Scaling's 7200 s limit.
   */
  static Duration defaultHeartbeat(ReadinessPolicy policy) {
    Duration byInterval = policy.longestInterval().multipliedBy(4);
    Duration bySweep = Duration.ofMinutes(5);
    Duration chosen = byInterval.compareTo(bySweep) > 0 ? byInterval : bySweep;
    return chosen.compareTo(MAX_HEARTBEAT) > 0 ? MAX_HEARTBEAT : chosen;
  }

  /** The group given as a construct, if any. */
  public Optional<IAutoScalingGroup> autoScalingGroup() {
    return Optional.ofNullable(get(AUTO_SCALING_GROUP));
  }

  /** The group given by name, if any. */
  public Optional<String> autoScalingGroupName() {
    return Optional.ofNullable(get(AUTO_SCALING_GROUP_NAME));
  }

  /** The VPC the gate function runs in when its policy's probes need a network path to the instances. */
  public Optional<IVpc> vpc() {
    return Optional.ofNullable(get(VPC));
  }

  /**
   * True if the function runs in the VPC: some probe of the policy connects to the instances (HTTP,
   * TCP). With only {@code ec2console} and {@code ec2status} probes it runs outside any VPC: no subnets,
   * security group, ingress rule or network-interface permissions.
   */
  public boolean inVpc() {
    return policy().needsNetwork();
  }

  /** The subnets for the gate function, if set (else the VPC's private subnets). */
  public Optional<SubnetSelection> vpcSubnets() {
    return Optional.ofNullable(get(VPC_SUBNETS));
  }

  /** The instances' security group, which gets an ingress rule from the gate on the health port. */
  public Optional<ISecurityGroup> instanceSecurityGroup() {
    return Optional.ofNullable(get(INSTANCE_SECURITY_GROUP));
  }

  /** Where health probes may go when no instance security group is given (default: the VPC CIDR). */
  public Optional<IPeer> healthPeer() {
    return Optional.ofNullable(get(HEALTH_PEER));
  }

  /** Whether the gate may reach the AWS APIs over HTTPS (443). */
  public boolean allowApiEgress() {
    return get(ALLOW_API_EGRESS);
  }

  /** Where HTTPS to the AWS APIs may go (default: any IPv4, i.e. the NAT or VPC endpoints). */
  public Optional<IPeer> apiPeer() {
    return Optional.ofNullable(get(API_PEER));
  }

  /** The readiness policy written into the hook's NotificationMetadata. */
  public ReadinessPolicy policy() {
    return get(POLICY);
  }

  /** The launching hook's name. */
  public String hookName() {
    return get(HOOK_NAME);
  }

  /** Whether the hook is declared in the group's own definition rather than as a resource of its own. */
  public boolean hookInGroup() {
    return get(HOOK_IN_GROUP);
  }

  /** The launching hook's heartbeat timeout. */
  public Duration heartbeatTimeout() {
    return get(HEARTBEAT_TIMEOUT);
  }

  /** The hook's result when its heartbeat timeout passes with nobody completing it. */
  public LifecycleResult defaultResult() {
    return get(DEFAULT_RESULT);
  }

  /** The Lambda code, if given directly. */
  public Optional<Code> lambdaCode() {
    return Optional.ofNullable(get(LAMBDA_CODE));
  }

  /** The Lambda jar path, if given. */
  public Optional<Path> lambdaJar() {
    return Optional.ofNullable(get(LAMBDA_JAR));
  }

  /** The function's memory in MB. */
  public int memorySize() {
    return get(MEMORY_SIZE);
  }

  /** The function's timeout. */
  public Duration timeout() {
    return get(TIMEOUT);
  }

  /** Whether SnapStart is on for published versions. */
  public boolean snapStart() {
    return get(SNAP_START);
  }

  /** Whether the gate only logs its decisions instead of completing actions. */
  public boolean shadow() {
    return get(SHADOW);
  }

  /** The tag key that marks further groups as managed, if tag discovery is on (default off). */
  public Optional<String> managedTag() {
    return Optional.ofNullable(get(MANAGED_TAG));
  }

  /** How long the function's logs are kept. */
  public RetentionDays logRetention() {
    return get(LOG_RETENTION);
  }

  /** The p90 time-to-ready above which the alarm fires. */
  public Duration timeToReadyThreshold() {
    return get(TIME_TO_READY_THRESHOLD);
  }

  /** The topic the alarms notify, if given (else the construct creates one). */
  public Optional<ITopic> alarmTopic() {
    return Optional.ofNullable(get(ALARM_TOPIC));
  }

  /** The email address subscribed to the topic the construct creates, if any. */
  public Optional<String> alarmEmail() {
    return Optional.ofNullable(get(ALARM_EMAIL));
  }

  /** Whether the construct creates the {@code autoscaling} and {@code ec2} interface endpoints. */
  public boolean vpcEndpoints() {
    return get(VPC_ENDPOINTS);
  }

  /** Collects {@link WarmGateProps}; every setter returns this builder. */
  public static final class Builder {
    private final Map<Setting<?>, Object> explicit;

    private Builder(Map<Setting<?>, Object> explicit) {
      this.explicit = new HashMap<>(explicit);
    }

    private <T> Builder set(Setting<T> setting, T value) {
      if (value == null && !setting.nullable()) {
        throw new NullPointerException(setting.name());
      }
      explicit.put(setting, value);
      return this;
    }

    /** Sets the group to gate, as a construct (this or {@link #autoScalingGroupName} is required). */
    public Builder autoScalingGroup(IAutoScalingGroup group) {
      return set(AUTO_SCALING_GROUP, group);
    }

    /** Sets the group to gate, by name (this or {@link #autoScalingGroup} is required). */
    public Builder autoScalingGroupName(String name) {
      return set(AUTO_SCALING_GROUP_NAME, name);
    }

    /** Sets the VPC the group's instances run in (required). */
    public Builder vpc(IVpc vpc) {
      return set(VPC, vpc);
    }

    /** Sets the subnets the function runs in (default: the VPC's private subnets with egress). */
    public Builder vpcSubnets(SubnetSelection subnets) {
      return set(VPC_SUBNETS, subnets);
    }

    /** Sets the instances' security group; the gate adds an ingress rule to it on the health port. */
    public Builder instanceSecurityGroup(ISecurityGroup group) {
      return set(INSTANCE_SECURITY_GROUP, group);
    }

    /** Sets where probes may go when no instance security group is given (default: the VPC CIDR). */
    public Builder healthPeer(IPeer peer) {
      return set(HEALTH_PEER, peer);
    }

    /** Allows or forbids HTTPS egress to the AWS APIs (default allowed). */
    public Builder allowApiEgress(boolean allow) {
      return set(ALLOW_API_EGRESS, allow);
    }

    /** Narrows HTTPS egress to a peer, e.g. the VPC endpoints' prefix list (default any IPv4). */
    public Builder apiPeer(IPeer peer) {
      return set(API_PEER, peer);
    }

    /** Sets the readiness policy (default {@link ReadinessPolicy#builder()}'s defaults). */
    public Builder policy(ReadinessPolicy policy) {
      return set(POLICY, policy);
    }

    /** Sets the launching hook's name (default {@code warmgate-launch}). */
    public Builder hookName(String name) {
      return set(HOOK_NAME, name);
    }

    /**
     * Declares the launching hook in the group's own definition ({@code LifecycleHookSpecificationList})
     * instead of as a resource of its own, and makes the group wait for the gate, so that even the
     * group's first instances are gated (default off). Needs {@link #autoScalingGroup} to be a group
     * created in this app with an explicit {@code autoScalingGroupName}.
     */
    public Builder hookInGroup(boolean on) {
      return set(HOOK_IN_GROUP, on);
    }

    /** Sets the hook's heartbeat timeout (default max(5 min, 4 x probe interval)). */
    public Builder heartbeatTimeout(Duration timeout) {
      return set(HEARTBEAT_TIMEOUT, timeout);
    }

    /** Sets the hook's default result when nobody completes it in time (default ABANDON). */
    public Builder defaultResult(LifecycleResult result) {
      return set(DEFAULT_RESULT, result);
    }

    /** Sets the function's code directly, overriding the jar lookup. */
    public Builder lambdaCode(Code code) {
      return set(LAMBDA_CODE, code);
    }

    /** Sets the path of the shaded gate jar (default: see {@link LambdaJar#resolve()}). */
    public Builder lambdaJar(Path jar) {
      return set(LAMBDA_JAR, jar);
    }

    /** Sets the function's memory in MB (default 512). */
    public Builder memorySize(int megabytes) {
      return set(MEMORY_SIZE, megabytes);
    }

    /** Sets the function's timeout (default 2 minutes; the sweep picks up anything still waiting). */
    public Builder timeout(Duration timeout) {
      return set(TIMEOUT, timeout);
    }

    /** Turns SnapStart on published versions on or off (default on). */
    public Builder snapStart(boolean on) {
      return set(SNAP_START, on);
    }

    /** Makes the gate log its decisions without completing actions (default off). */
    public Builder shadow(boolean on) {
      return set(SHADOW, on);
    }

    /**
     * Turns tag discovery on: the sweep also gates every group whose tag {@code key} is {@code true}
     * (e.g. {@code warmgate:managed}), and the role may complete their actions and call
     * {@code DescribeTags}. Default off, since the construct gates one group; {@code null} turns it
     * off again.
     */
    public Builder managedTag(String key) {
      return set(MANAGED_TAG, key);
    }

    /** Sets the log retention (default one month). */
    public Builder logRetention(RetentionDays retention) {
      return set(LOG_RETENTION, retention);
    }

    /** Sets the p90 time-to-ready alarm threshold (default 80% of the policy's deadline). */
    public Builder timeToReadyThreshold(Duration threshold) {
      return set(TIME_TO_READY_THRESHOLD, threshold);
    }

    /**
     * Sets the topic that the alarms notify (default: the construct creates a KMS-encrypted topic for
     * them, see {@link WarmGate#getAlarmTopic()}).
     */
    public Builder alarmTopic(ITopic topic) {
      return set(ALARM_TOPIC, topic);
    }

    /** Subscribes an email address to the alarm topic the construct creates (default none; not with {@link #alarmTopic}). */
    public Builder alarmEmail(String address) {
      return set(ALARM_EMAIL, address);
    }

    /**
     * Creates the {@code autoscaling} and {@code ec2} interface VPC endpoints in the function's subnets,
     * reachable on 443 from the gate only (default off). Subnets without a NAT route need them; see
     * docs/deployment.md.
     */
    public Builder vpcEndpoints(boolean on) {
      return set(VPC_ENDPOINTS, on);
    }

    /**
     * Validates the settings and returns the props.
     *
     * @throws NullPointerException if the VPC, policy or another required value is missing
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if settings clash (both or neither group forms, a deadline the
     *     hook's global timeout cannot cover)
     */
    public WarmGateProps build() {
      WarmGateProps props = new WarmGateProps(explicit);
      for (Setting<?> setting : SETTINGS) {
        setting.check(props.explicit, props);
      }
      checkGroup(props);
      if (props.inVpc() && props.vpc().isEmpty()) {
        throw new NullPointerException("vpc");
      }
      return props;
    }

    private static void checkGroup(WarmGateProps props) {
      if (props.autoScalingGroup().isPresent() == props.autoScalingGroupName().isPresent()) {
        throw new IllegalStateException("set exactly one of autoScalingGroup and autoScalingGroupName");
      }
      if (props.hookInGroup() && props.autoScalingGroup().isEmpty()) {
        throw new IllegalStateException("hookInGroup needs the group as a construct (autoScalingGroup), not a name");
      }
    }
  }
}
