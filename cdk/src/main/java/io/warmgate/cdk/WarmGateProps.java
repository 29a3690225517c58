package io.warmgate.cdk;

import static io.warmgate.core.model.Durations.human;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Token;
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

  private final IAutoScalingGroup autoScalingGroup;
  private final String autoScalingGroupName;
  private final IVpc vpc;
  private final SubnetSelection vpcSubnets;
  private final ISecurityGroup instanceSecurityGroup;
  private final IPeer healthPeer;
  private final boolean allowApiEgress;
  private final IPeer apiPeer;
  private final ReadinessPolicy policy;
  private final String hookName;
  private final boolean hookInGroup;
  private final Duration heartbeatTimeout;
  private final LifecycleResult defaultResult;
  private final Code lambdaCode;
  private final Path lambdaJar;
  private final int memorySize;
  private final Duration timeout;
  private final boolean snapStart;
  private final boolean shadow;
  private final String managedTag;
  private final RetentionDays logRetention;
  private final Duration timeToReadyThreshold;
  private final ITopic alarmTopic;
  private final boolean explicitHeartbeat;
  private final boolean explicitThreshold;

  private WarmGateProps(Builder b) {
    this.autoScalingGroup = b.autoScalingGroup;
    this.autoScalingGroupName = b.autoScalingGroupName;
    this.vpc = b.vpc;
    this.vpcSubnets = b.vpcSubnets;
    this.instanceSecurityGroup = b.instanceSecurityGroup;
    this.healthPeer = b.healthPeer;
    this.allowApiEgress = b.allowApiEgress;
    this.apiPeer = b.apiPeer;
    this.policy = b.policy;
    this.hookName = b.hookName;
    this.hookInGroup = b.hookInGroup;
    this.heartbeatTimeout = b.heartbeatTimeout != null ? b.heartbeatTimeout : defaultHeartbeat(b.policy);
    this.defaultResult = b.defaultResult;
    this.lambdaCode = b.lambdaCode;
    this.lambdaJar = b.lambdaJar;
    this.memorySize = b.memorySize;
    this.timeout = b.timeout;
    this.snapStart = b.snapStart;
    this.shadow = b.shadow;
    this.managedTag = b.managedTag;
    this.logRetention = b.logRetention;
    this.timeToReadyThreshold = b.timeToReadyThreshold != null
        ? b.timeToReadyThreshold
        : Duration.ofSeconds(b.policy.deadline().toSeconds() * 4 / 5);
    this.alarmTopic = b.alarmTopic;
    this.explicitHeartbeat = b.heartbeatTimeout != null;
    this.explicitThreshold = b.timeToReadyThreshold != null;
  }

  /** Returns a builder with the defaults described on its methods. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these settings, for a variant (e.g. a second group with the same
   * policy). A heartbeat or alarm threshold that was derived from the policy stays derived, so a
   * new policy gets its own.
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.autoScalingGroup = autoScalingGroup;
    b.autoScalingGroupName = autoScalingGroupName;
    b.vpc = vpc;
    b.vpcSubnets = vpcSubnets;
    b.instanceSecurityGroup = instanceSecurityGroup;
    b.healthPeer = healthPeer;
    b.allowApiEgress = allowApiEgress;
    b.apiPeer = apiPeer;
    b.policy = policy;
    b.hookName = hookName;
    b.hookInGroup = hookInGroup;
    b.heartbeatTimeout = explicitHeartbeat ? heartbeatTimeout : null;
    b.defaultResult = defaultResult;
    b.lambdaCode = lambdaCode;
    b.lambdaJar = lambdaJar;
    b.memorySize = memorySize;
    b.timeout = timeout;
    b.snapStart = snapStart;
    b.shadow = shadow;
    b.managedTag = managedTag;
    b.logRetention = logRetention;
    b.timeToReadyThreshold = explicitThreshold ? timeToReadyThreshold : null;
    b.alarmTopic = alarmTopic;
    return b;
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
    return Optional.ofNullable(autoScalingGroup);
  }

  /** The group given by name, if any. */
  public Optional<String> autoScalingGroupName() {
    return Optional.ofNullable(autoScalingGroupName);
  }

  /** The VPC the gate function runs in. */
  public IVpc vpc() {
    return vpc;
  }

  /** The subnets for the gate function, if set (else the VPC's private subnets). */
  public Optional<SubnetSelection> vpcSubnets() {
    return Optional.ofNullable(vpcSubnets);
  }

  /** The instances' security group, which gets an ingress rule from the gate on the health port. */
  public Optional<ISecurityGroup> instanceSecurityGroup() {
    return Optional.ofNullable(instanceSecurityGroup);
  }

  /** Where health probes may go when no instance security group is given (default: the VPC CIDR). */
  public Optional<IPeer> healthPeer() {
    return Optional.ofNullable(healthPeer);
  }

  /** Whether the gate may reach the AWS APIs over HTTPS (443). */
  public boolean allowApiEgress() {
    return allowApiEgress;
  }

  /** Where HTTPS to the AWS APIs may go (default: any IPv4, i.e. the NAT or VPC endpoints). */
  public Optional<IPeer> apiPeer() {
    return Optional.ofNullable(apiPeer);
  }

  /** The readiness policy written into the hook's NotificationMetadata. */
  public ReadinessPolicy policy() {
    return policy;
  }

  /** The launching hook's name. */
  public String hookName() {
    return hookName;
  }

  /** Whether the hook is declared in the group's own definition rather than as a resource of its own. */
  public boolean hookInGroup() {
    return hookInGroup;
  }

  /** The launching hook's heartbeat timeout. */
  public Duration heartbeatTimeout() {
    return heartbeatTimeout;
  }

  /** The hook's result when its heartbeat timeout passes with nobody completing it. */
  public LifecycleResult defaultResult() {
    return defaultResult;
  }

  /** The Lambda code, if given directly. */
  public Optional<Code> lambdaCode() {
    return Optional.ofNullable(lambdaCode);
  }

  /** The Lambda jar path, if given. */
  public Optional<Path> lambdaJar() {
    return Optional.ofNullable(lambdaJar);
  }

  /** The function's memory in MB. */
  public int memorySize() {
    return memorySize;
  }

  /** The function's timeout. */
  public Duration timeout() {
    return timeout;
  }

  /** Whether SnapStart is on for published versions. */
  public boolean snapStart() {
    return snapStart;
  }

  /** Whether the gate only logs its decisions instead of completing actions. */
  public boolean shadow() {
    return shadow;
  }

  /** The tag key that marks further groups as managed, if tag discovery is on (default off). */
  public Optional<String> managedTag() {
    return Optional.ofNullable(managedTag);
  }

  /** How long the function's logs are kept. */
  public RetentionDays logRetention() {
    return logRetention;
  }

  /** The p90 time-to-ready above which the alarm fires. */
  public Duration timeToReadyThreshold() {
    return timeToReadyThreshold;
  }

  /** The topic the alarms notify, if any. */
  public Optional<ITopic> alarmTopic() {
    return Optional.ofNullable(alarmTopic);
  }

  /** Collects {@link WarmGateProps}; every setter returns this builder. */
  public static final class Builder {
    private IAutoScalingGroup autoScalingGroup;
    private String autoScalingGroupName;
    private IVpc vpc;
    private SubnetSelection vpcSubnets;
    private ISecurityGroup instanceSecurityGroup;
    private IPeer healthPeer;
    private boolean allowApiEgress = true;
    private IPeer apiPeer;
    private ReadinessPolicy policy = ReadinessPolicy.builder().build();
    private String hookName = "warmgate-launch";
    private boolean hookInGroup;
    private Duration heartbeatTimeout;
    private LifecycleResult defaultResult = LifecycleResult.ABANDON;
    private Code lambdaCode;
    private Path lambdaJar;
    private int memorySize = 512;
    private Duration timeout = Duration.ofMinutes(2);
    private boolean snapStart = true;
    private boolean shadow;
    private String managedTag;
    private RetentionDays logRetention = RetentionDays.ONE_MONTH;
    private Duration timeToReadyThreshold;
    private ITopic alarmTopic;

    private Builder() {}

    /** Sets the group to gate, as a construct (this or {@link #autoScalingGroupName} is required). */
    public Builder autoScalingGroup(IAutoScalingGroup group) {
      this.autoScalingGroup = group;
      return this;
    }

    /** Sets the group to gate, by name (this or {@link #autoScalingGroup} is required). */
    public Builder autoScalingGroupName(String name) {
      this.autoScalingGroupName = name;
      return this;
    }

    /** Sets the VPC the group's instances run in (required). */
    public Builder vpc(IVpc vpc) {
      this.vpc = vpc;
      return this;
    }

    /** Sets the subnets the function runs in (default: the VPC's private subnets with egress). */
    public Builder vpcSubnets(SubnetSelection subnets) {
      this.vpcSubnets = subnets;
      return this;
    }

    /** Sets the instances' security group; the gate adds an ingress rule to it on the health port. */
    public Builder instanceSecurityGroup(ISecurityGroup group) {
      this.instanceSecurityGroup = group;
      return this;
    }

    /** Sets where probes may go when no instance security group is given (default: the VPC CIDR). */
    public Builder healthPeer(IPeer peer) {
      this.healthPeer = peer;
      return this;
    }

    /** Allows or forbids HTTPS egress to the AWS APIs (default allowed). */
    public Builder allowApiEgress(boolean allow) {
      this.allowApiEgress = allow;
      return this;
    }

    /** Narrows HTTPS egress to a peer, e.g. the VPC endpoints' prefix list (default any IPv4). */
    public Builder apiPeer(IPeer peer) {
      this.apiPeer = peer;
      return this;
    }

    /** Sets the readiness policy (default {@link ReadinessPolicy#builder()}'s defaults). */
    public Builder policy(ReadinessPolicy policy) {
      this.policy = policy;
      return this;
    }

    /** Sets the launching hook's name (default {@code warmgate-launch}). */
    public Builder hookName(String name) {
      this.hookName = name;
      return this;
    }

    /**
     * Declares the launching hook in the group's own definition ({@code LifecycleHookSpecificationList})
     * instead of as a resource of its own, and makes the group wait for the gate, so that even the
     * group's first instances are gated (default off). Needs {@link #autoScalingGroup} to be a group
     * created in this app with an explicit {@code autoScalingGroupName}.
     */
    public Builder hookInGroup(boolean on) {
      this.hookInGroup = on;
      return this;
    }

    /** Sets the hook's heartbeat timeout (default max(5 min, 4 x probe interval)). */
    public Builder heartbeatTimeout(Duration timeout) {
      this.heartbeatTimeout = timeout;
      return this;
    }

    /** Sets the hook's default result when nobody completes it in time (default ABANDON). */
    public Builder defaultResult(LifecycleResult result) {
      this.defaultResult = result;
      return this;
    }

    /** Sets the function's code directly, overriding the jar lookup. */
    public Builder lambdaCode(Code code) {
      this.lambdaCode = code;
      return this;
    }

    /** Sets the path of the shaded gate jar (default: see {@link LambdaJar#resolve()}). */
    public Builder lambdaJar(Path jar) {
      this.lambdaJar = jar;
      return this;
    }

    /** Sets the function's memory in MB (default 512). */
    public Builder memorySize(int megabytes) {
      this.memorySize = megabytes;
      return this;
    }

    /** Sets the function's timeout (default 2 minutes; the sweep picks up anything still waiting). */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Turns SnapStart on published versions on or off (default on). */
    public Builder snapStart(boolean on) {
      this.snapStart = on;
      return this;
    }

    /** Makes the gate log its decisions without completing actions (default off). */
    public Builder shadow(boolean on) {
      this.shadow = on;
      return this;
    }

    /**
     * Turns tag discovery on: the sweep also gates every group whose tag {@code key} is {@code true}
     * (e.g. {@code warmgate:managed}), and the role may complete their actions and call
     * {@code DescribeTags}. Default off, since the construct gates one group; {@code null} turns it
     * off again.
     */
    public Builder managedTag(String key) {
      this.managedTag = key;
      return this;
    }

    /** Sets the log retention (default one month). */
    public Builder logRetention(RetentionDays retention) {
      this.logRetention = retention;
      return this;
    }

    /** Sets the p90 time-to-ready alarm threshold (default 80% of the policy's deadline). */
    public Builder timeToReadyThreshold(Duration threshold) {
      this.timeToReadyThreshold = threshold;
      return this;
    }

    /** Sets a topic that the alarms notify (default none). */
    public Builder alarmTopic(ITopic topic) {
      this.alarmTopic = topic;
      return this;
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
      Objects.requireNonNull(vpc, "vpc");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(hookName, "hookName");
      Objects.requireNonNull(defaultResult, "defaultResult");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(logRetention, "logRetention");
      if ((autoScalingGroup == null) == (autoScalingGroupName == null)) {
        throw new IllegalStateException("set exactly one of autoScalingGroup and autoScalingGroupName");
      }
      if (hookInGroup && autoScalingGroup == null) {
        throw new IllegalStateException("hookInGroup needs the group as a construct (autoScalingGroup), not a name");
      }
      if (autoScalingGroupName != null && !autoScalingGroupName.matches("[\\x20-\\x7e]{1,255}")) {
        throw new IllegalArgumentException("autoScalingGroupName must be 1..255 printable characters");
      }
      // A token (a template parameter) is checked by the parameter's own pattern at deploy time.
      if (!Token.isUnresolved(hookName) && !hookName.matches("[A-Za-z0-9\\-_/]{1,255}")) {
        throw new IllegalArgumentException("hookName must match [A-Za-z0-9-_/]{1,255}, got '" + hookName + "'");
      }
      if (managedTag != null && (managedTag.isBlank() || managedTag.length() > 128
          || managedTag.equalsIgnoreCase(WarmGate.MANAGED_TAG_OFF) || managedTag.contains("*") || managedTag.contains("?"))) {
        // The key lands in an IAM condition key name (autoscaling:ResourceTag/KEY): no wildcards there.
        throw new IllegalArgumentException("managedTag must be 1..128 characters without * or ?, and not '"
            + WarmGate.MANAGED_TAG_OFF + "'; leave it unset to turn tag discovery off, got '" + managedTag + "'");
      }
      if (memorySize < 128 || memorySize > 10240) {
        throw new IllegalArgumentException("memorySize must be 128..10240 MB, got " + memorySize);
      }
      if (timeout.compareTo(Duration.ofSeconds(10)) < 0 || timeout.compareTo(Duration.ofMinutes(15)) > 0) {
        throw new IllegalArgumentException("timeout must be 10 seconds..15 minutes, got " + timeout);
      }
      Map.Entry<String, Duration> least = policy.leastRunBudget();
      if (timeout.minus(SAFETY_MARGIN).compareTo(least.getValue()) < 0) {
        // Each run would restart the streak and hand over before its settle ends: healthy instances abandoned.
        throw new IllegalArgumentException("timeout " + human(timeout) + " leaves a run " + human(timeout.minus(SAFETY_MARGIN))
            + " after the " + human(SAFETY_MARGIN) + " safety margin, but " + least.getKey() + " needs "
            + human(least.getValue()) + " (look-ups, settle or confirming passes, last probe, completion): set timeout to"
            + " at least " + human(least.getValue().plus(SAFETY_MARGIN)));
      }
      WarmGateProps props = new WarmGateProps(this);
      Duration heartbeat = props.heartbeatTimeout;
      if (heartbeat.compareTo(MIN_HEARTBEAT) < 0 || heartbeat.compareTo(MAX_HEARTBEAT) > 0
          || heartbeat.getNano() != 0) {
        throw new IllegalArgumentException("heartbeatTimeout must be whole seconds in 30..7200, got " + heartbeat);
      }
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
      if (props.timeToReadyThreshold.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("timeToReadyThreshold must be at least 1 second");
      }
      return props;
    }
  }
}
