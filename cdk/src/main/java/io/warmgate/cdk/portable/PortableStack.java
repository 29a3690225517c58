package io.warmgate.cdk.portable;

import io.warmgate.cdk.LifecycleResult;
import io.warmgate.cdk.PhasePolicy;
import io.warmgate.cdk.ReadinessPolicy;
import io.warmgate.cdk.WarmGate;
import io.warmgate.cdk.WarmGateNag;
import io.warmgate.cdk.WarmGateProps;
import io.warmgate.core.policy.Ec2ConsoleProbeSpec;
import io.warmgate.core.policy.Ec2StatusProbeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnMapping;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.CfnRuleAssertion;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.ICfnConditionExpression;
import software.amazon.awscdk.ICfnRuleConditionExpression;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.autoscaling.CfnLifecycleHook;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupEgress;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupImportOptions;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.lambda.CfnEventInvokeConfig;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The {@link WarmGate} construct as a template with parameters, for plain CloudFormation: no CDK bootstrap (the
 * code comes from the {@value #CODE_BUCKET} and {@value #CODE_KEY} parameters; the synthesizer refuses assets),
 * no CDK metadata, no bootstrap-version rule.
 *
 * <p>The parameters feed the construct as CloudFormation tokens, so the template holds exactly what the CDK
 * path deploys for the same values. What the CDK cannot express as one construct, a resource that exists or not
 * at deploy time, is done here with conditions on the construct's own resources: the function in the VPC or
 * outside it ({@value #IN_VPC}), the probe path to the instances' security group or to any address on the
 * health port, and the hook created by the stack or left to an existing one ({@value #CREATE_HOOK}). The
 * readiness ({@value #READINESS}) and the deadline ({@value #DEADLINE}) change the policy itself: the hook's metadata
 * is each allowed combination's own policy, written by the construct, and {@code ec2:GetConsoleOutput} is granted
 * only with the console readiness.
 */
public final class PortableStack extends Stack {

  /** The S3 bucket holding the function jar. */
  public static final String CODE_BUCKET = "CodeS3Bucket";
  /** The jar's key in {@value #CODE_BUCKET}. */
  public static final String CODE_KEY = "CodeS3Key";
  /** The gated group's name. */
  public static final String GROUP_NAME = "GroupName";
  /** {@code true} creates the launching hook; {@code false} gates an existing hook of that name. */
  public static final String CREATE_HOOK_PARAMETER = "CreateHook";
  /** The launching hook's name. */
  public static final String HOOK_NAME = "HookName";
  /** The hook's heartbeat timeout in seconds. */
  public static final String HEARTBEAT_TIMEOUT = "HeartbeatTimeout";
  /** The hook's default result. */
  public static final String DEFAULT_RESULT = "DefaultResult";
  /** The instances' health port. */
  public static final String HEALTH_PORT = "HealthPort";
  /** The HTTP path probed. */
  public static final String HEALTH_PATH = "HealthPath";
  /** The VPC of the function's subnets. */
  public static final String VPC_ID = "VpcId";
  /** The function's subnets, comma-separated; empty runs it outside any VPC. */
  public static final String SUBNET_IDS = "SubnetIds";
  /** The instances' security group; empty lets the probes go to any address on the health port. */
  public static final String INSTANCE_SECURITY_GROUP = "InstanceSecurityGroupId";
  /** An e-mail address subscribed to the alarm topic; empty subscribes none. */
  public static final String ALARM_EMAIL = "AlarmEmail";
  /** How the gate tells that an instance is ready: one of {@link Readiness}, by its parameter value. */
  public static final String READINESS = "Readiness";
  /** The readiness deadline in minutes, one of {@link #DEADLINE_MINUTES}. */
  public static final String DEADLINE = "Deadline";

  /**
   * The deadlines a template may ask for, in minutes. Each fits the hook's global timeout, min(172,800 s,
   * 100 x heartbeat timeout), at the shortest heartbeat timeout the template allows (120 s: 12,000 s, 200 min),
   * so no heartbeat can make one unreachable; the construct checks each at synthesis.
   */
  static final List<Integer> DEADLINE_MINUTES = List.of(10, 15, 20, 30, 45, 60, 90, 120, 180);
  /** The mapping from a deadline to what derives from it: each readiness's metadata and the alarm threshold. */
  public static final String DEADLINES = "Deadlines";
  /** The {@value #DEADLINES} attribute holding the p90 time-to-ready alarm threshold, in seconds. */
  public static final String ALARM_THRESHOLD = "AlarmThresholdSeconds";

  /** A value of the {@value #READINESS} parameter: the probes of every phase. */
  public enum Readiness {
    /** The HTTP probe of HealthPort and HealthPath, from the function's subnets. */
    HTTP("http"),
    /** EC2Launch's ready line in the console output ({@code ec2console}), through the EC2 API: no network. */
    CONSOLE("console"),
    /** EC2's system and instance status checks ({@code ec2status}), through the EC2 API: no network. */
    STATUS("status");

    private final String value;

    Readiness(String value) {
      this.value = value;
    }

    /** The parameter value, also the {@value PortableStack#DEADLINES} attribute of this readiness's metadata. */
    public String value() {
      return value;
    }

    /** The construct's policy for this readiness and deadline; the HTTP probe's port and path are parameters. */
    ReadinessPolicy policy(Duration deadline, Number port, String path) {
      ReadinessPolicy.Builder policy = ReadinessPolicy.builder().deadline(deadline);
      return switch (this) {
        case HTTP -> policy.port(port).path(path).build();
        case CONSOLE -> policy.probes(new Ec2ConsoleProbeSpec()).build();
        case STATUS -> policy.probes(new Ec2StatusProbeSpec()).build();
      };
    }
  }

  /** The shortest heartbeat timeout: two sweep periods, as {@link WarmGateProps} requires. */
  static final int MIN_HEARTBEAT_SECONDS = (int) WarmGateProps.SWEEP_PERIOD.multipliedBy(2).toSeconds();

  /** The condition: the function runs in the given subnets. */
  public static final String IN_VPC = "InVpc";
  /** The condition: {@value #READINESS} is {@code http}, the one readiness that connects to the instances. */
  public static final String HTTP_READINESS = "HttpReadiness";
  /** The condition: {@value #READINESS} is {@code console}, the one readiness that needs {@code ec2:GetConsoleOutput}. */
  public static final String CONSOLE_READINESS = "ConsoleReadiness";
  /** The condition: {@value #READINESS} is {@code status}. */
  public static final String STATUS_READINESS = "StatusReadiness";
  /** The condition: the stack creates the launching hook. */
  public static final String CREATE_HOOK = "CreateHookCondition";

  /** The template's description. */
  static final String DESCRIPTION = "warmgate: readiness gate for an Auto Scaling group's launching lifecycle hook (portable template)";

  private final WarmGate gate;

  /** Creates the stack; its template is synthesized without any AWS account or lookup. */
  public PortableStack(Construct scope, String id) {
    super(scope, id, StackProps.builder()
        .description(DESCRIPTION)
        // No bootstrap: no asset may enter the template (this synthesizer fails synthesis if one does), no
        // bootstrap-version rule, no deploy roles.
        .synthesizer(new BootstraplessSynthesizer())
        .analyticsReporting(false)
        .build());

    CfnParameter codeBucket = text(CODE_BUCKET, "The S3 bucket holding the function jar (dist/warmgate-lambda.jar), in the stack's region.",
        "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "an S3 bucket name: 3..63 lowercase letters, digits, dots and hyphens")
        .build();
    CfnParameter codeKey = parameter(CODE_KEY, "String", "The jar's object key. Use a new key for each version: CloudFormation updates the function's code only when the key changes.")
        .defaultValue("warmgate-lambda.jar")
        .minLength(1).maxLength(1024)
        .build();
    CfnParameter group = text(GROUP_NAME, "The Auto Scaling group to gate. It must exist before the stack (the hook is put on it).",
        "^[\\x20-\\x7E]{1,255}$", "1..255 printable ASCII characters")
        .build();
    CfnParameter createHook = parameter(CREATE_HOOK_PARAMETER, "String", "true: the stack creates the launching hook. false: the group already has a launching hook named HookName, and the gate serves it with the policy in that hook's NotificationMetadata (HealthPort and HealthPath then do not apply).")
        .allowedValues(List.of("true", "false"))
        .defaultValue("true")
        .build();
    CfnParameter hookName = text(HOOK_NAME, "The launching lifecycle hook's name. The event rule matches it exactly.",
        "^[A-Za-z0-9\\-_/]{1,255}$", "1..255 of A-Z a-z 0-9 - _ /")
        .build();
    CfnParameter heartbeat = parameter(HEARTBEAT_TIMEOUT, "Number", "The hook's heartbeat timeout in seconds (the gate heartbeats before it ends). At least two sweep periods.")
        .minValue(MIN_HEARTBEAT_SECONDS).maxValue(7200)
        .build();
    CfnParameter defaultResult = parameter(DEFAULT_RESULT, "String", "The hook's result when nobody completes it in time.")
        .allowedValues(Stream.of(LifecycleResult.values()).map(Enum::name).toList())
        .build();
    CfnParameter readiness = parameter(READINESS, "String", "How the gate tells that an instance is ready. http: GET HealthPath on HealthPort"
        + " from the function's subnets (needs SubnetIds and VpcId). console: EC2Launch's ready line in the instance's console"
        + " output, read through the EC2 API (Windows; no VPC needed). status: EC2's system and instance status checks, through"
        + " the EC2 API (no VPC needed; says nothing about the application).")
        .allowedValues(Stream.of(Readiness.values()).map(Readiness::value).toList())
        .defaultValue(Readiness.HTTP.value())
        .build();
    CfnParameter deadline = parameter(DEADLINE, "Number", "Minutes from the start of an instance's boot after which the gate gives"
        + " up on it (a warm start out of the pool keeps its own 15 minutes). Each allowed value fits the hook's global timeout at"
        + " any allowed HeartbeatTimeout; the time-to-ready alarm fires at 80% of it.")
        .allowedValues(DEADLINE_MINUTES.stream().map(String::valueOf).toList())
        .build();
    CfnParameter healthPort = parameter(HEALTH_PORT, "Number", "The instances' HTTP health port.")
        .minValue(1).maxValue(65535)
        .build();
    // Bounded so that the hook's NotificationMetadata stays within Auto Scaling's limit.
    CfnParameter healthPath = text(HEALTH_PATH, "The HTTP path probed; 200-399 counts as a pass.",
        "^/[\\x21\\x23-\\x5B\\x5D-\\x7E]{0,255}$", "starts with / and holds up to 256 printable ASCII characters, without spaces, quotes or backslashes")
        .build();
    CfnParameter vpcId = optionalText(VPC_ID, "The VPC of SubnetIds. Empty with SubnetIds empty.",
        "^(vpc-[0-9a-f]{8,17})?$", "empty or a VPC id (vpc-...)");
    CfnParameter subnetIds = optionalText(SUBNET_IDS, "The function's subnets, comma-separated, with a route to the instances and to the AWS APIs. Empty runs the function outside any VPC, which only probes through the EC2 API can use.",
        "^(subnet-[0-9a-f]{8,17}(,subnet-[0-9a-f]{8,17})*)?$", "empty or subnet ids separated by commas, without spaces");
    CfnParameter instanceSg = optionalText(INSTANCE_SECURITY_GROUP, "The instances' security group: it gets an ingress rule from the gate on the health port. Empty: the gate may probe any address on the health port, and the instances' own rules must let it in.",
        "^(sg-[0-9a-f]{8,17})?$", "empty or a security group id (sg-...)");
    CfnParameter alarmEmail = optionalText(ALARM_EMAIL, "An e-mail address subscribed to the alarm topic (it must confirm the subscription). Empty subscribes none.",
        "^([^\\s@]+@[^\\s@]+\\.[^\\s@]+)?$", "empty or an e-mail address");

    CfnCondition inVpc = condition(IN_VPC, isSet(subnetIds));
    // A rule cannot refer to a condition, so the rules below repeat this expression rather than name HttpReadiness.
    ICfnRuleConditionExpression isHttp = Fn.conditionEquals(readiness.getValueAsString(), Readiness.HTTP.value());
    CfnCondition httpReadiness = condition(HTTP_READINESS, isHttp);
    CfnCondition consoleReadiness = condition(CONSOLE_READINESS,
        Fn.conditionEquals(readiness.getValueAsString(), Readiness.CONSOLE.value()));
    CfnCondition statusReadiness = condition(STATUS_READINESS,
        Fn.conditionEquals(readiness.getValueAsString(), Readiness.STATUS.value()));
    CfnCondition createTheHook = condition(CREATE_HOOK, Fn.conditionEquals(createHook.getValueAsString(), "true"));
    // The probe rules to the instances exist only for the one readiness that connects to them.
    CfnCondition hasInstanceSg = condition("HasInstanceSecurityGroup", Fn.conditionAnd(inVpc, httpReadiness, isSet(instanceSg)));
    rule("SubnetsNeedTheirVpc", isSet(subnetIds), isSet(vpcId), "SubnetIds needs VpcId, the VPC they belong to");
    rule("SecurityGroupNeedsSubnets", isSet(instanceSg), isSet(subnetIds),
        "InstanceSecurityGroupId needs SubnetIds: a function outside the VPC cannot reach the instances");
    // Outside any VPC an HTTP probe reaches no private address: refused here, not found at the deadline.
    rule("HttpReadinessNeedsSubnets", isHttp, isSet(subnetIds),
        "Readiness http probes the instances over the network: give SubnetIds and VpcId, or choose Readiness console or"
        + " status, which read the EC2 API and need no VPC");
    rule("SecurityGroupNeedsHttpReadiness", isSet(instanceSg), isHttp,
        "InstanceSecurityGroupId opens the HTTP probe's port: with Readiness console or status the gate never connects to the"
        + " instances, so leave it empty");

    // Imported by id, never looked up; the subnets and the function's own security group are set below per
    // condition.
    IVpc vpc = Vpc.fromVpcAttributes(this, "Vpc", VpcAttributes.builder()
        .vpcId(vpcId.getValueAsString())
        .availabilityZones(Fn.getAzs())
        .build());
    ISecurityGroup instances = SecurityGroup.fromSecurityGroupId(this, "InstanceSecurityGroup",
        instanceSg.getValueAsString(), SecurityGroupImportOptions.builder().allowAllOutbound(true).mutable(true).build());
    // The parameters' defaults are the construct's own: written once, in WarmGateProps and ReadinessPolicy.
    WarmGateProps defaults = WarmGateProps.builder().autoScalingGroupName("defaults").vpc(vpc).build();
    hookName.setDefaultValue(defaults.hookName());
    heartbeat.setDefaultValue(defaults.heartbeatTimeout().toSeconds());
    defaultResult.setDefaultValue(defaults.defaultResult().name());
    healthPort.setDefaultValue(defaults.policy().port());
    healthPath.setDefaultValue(defaults.policy().path());
    long defaultDeadline = defaults.policy().deadline().toMinutes();
    if (!DEADLINE_MINUTES.contains((int) defaultDeadline)) {
      throw new IllegalStateException("the construct's default deadline, " + defaultDeadline + " min, is not among " + DEADLINE_MINUTES);
    }
    deadline.setDefaultValue(String.valueOf(defaultDeadline));

    WarmGateProps gateProps = WarmGateProps.builder()
        .autoScalingGroupName(group.getValueAsString())
        .vpc(vpc)
        .policy(defaults.policy().toBuilder()
            .port(healthPort.getValueAsNumber())
            .path(healthPath.getValueAsString())
            // What every readiness needs at once, so that the construct writes each resource and grant one of them
            // uses (the probe rules, the console grant): the conditions keep a readiness's own, and the hook gets that
            // readiness's policy (readinessVariants).
            .coldStart(PhasePolicy.builder().probes(new Ec2ConsoleProbeSpec()).build())
            .build())
        .alarmEmail(alarmEmail.getValueAsString())
        .vpcSubnets(SubnetSelection.builder()
            .subnets(List.of(Subnet.fromSubnetId(this, "Subnet", Fn.select(0, Fn.split(",", subnetIds.getValueAsString())))))
            .build())
        .instanceSecurityGroup(instances)
        .lambdaCode(Code.fromBucket(Bucket.fromBucketName(this, "CodeBucket", codeBucket.getValueAsString()),
            codeKey.getValueAsString()))
        .hookName(hookName.getValueAsString())
        .build();
    this.gate = new WarmGate(this, "WarmGate", gateProps);
    WarmGateNag.suppressAccepted(gate);

    conditionalVariants(gate, inVpc, httpReadiness, hasInstanceSg, createTheHook, subnetIds.getValueAsString(), healthPort.getValueAsNumber());
    // The construct's alarm topic, subscribed to only when an address is given; its output under a plain name.
    CfnCondition hasAlarmEmail = condition("HasAlarmEmail", isSet(alarmEmail));
    for (IConstruct child : gate.getNode().findAll()) {
      if (child instanceof CfnSubscription subscription) {
        subscription.getCfnOptions().setCondition(hasAlarmEmail);
      }
      if (child instanceof CfnOutput topicOutput && child.getNode().getId().equals("AlarmTopicArn")) {
        topicOutput.overrideLogicalId("AlarmTopicArn");
      }
    }
    hookSettings(gate, heartbeat.getValueAsNumber(), defaultResult.getValueAsString());
    readinessVariants(gate, vpc, deadline.getValueAsString(), healthPort.getValueAsNumber(), healthPath.getValueAsString(),
        consoleReadiness, statusReadiness);
    grantsPerVariant(gate);

    // No CDK metadata in the template: cdk-nag has read its suppressions by the time the template renders.
    for (IConstruct child : getNode().findAll()) {
      if (child instanceof CfnResource r && gate.getLifecycleHook().map(h -> h.getNode().getDefaultChild() != r).orElse(true)) {
        r.addDeletionOverride("Metadata");
      }
    }

    output("FunctionArn", "The gate function.", gate.getFunction().getFunctionArn());
    output("AliasArn", "The alias live, which the event rule and the sweep invoke.", gate.getAlias().getFunctionArn());
    output("LifecycleHookName", "The launching hook the gate serves (created by this stack when CreateHook is true).",
        hookName.getValueAsString());
    output("DeadLetterQueueUrl", "Failed invocations and undeliverable events.", gate.getDeadLetterQueue().getQueueUrl());
  }

  /** The gate this stack deploys. */
  public WarmGate getGate() {
    return gate;
  }

  /**
   * Applies the deploy-time variants to the construct's resources: the function in the subnets with its own
   * security group, or outside any VPC; the probe egress to the instances' security group (with the matching
   * ingress) or, without one, to any address on the health port; the hook created or not. CloudFormation's
   * DependsOn takes no condition, so the hook waits for the conditional resources through references in its
   * Metadata instead (a reference is a dependency, and Fn::If drops it with the resource).
   */
  private void conditionalVariants(WarmGate gate, CfnCondition inVpc, CfnCondition httpReadiness, CfnCondition hasInstanceSg,
      CfnCondition createTheHook, String subnetIds, Number healthPort) {
    CfnSecurityGroup gateSg = (CfnSecurityGroup) gate.getSecurityGroup().orElseThrow().getNode().getDefaultChild();
    gateSg.getCfnOptions().setCondition(inVpc);
    CfnFunction function = (CfnFunction) gate.getFunction().getNode().getDefaultChild();
    Map<String, Object> vpcConfig = new LinkedHashMap<>();
    vpcConfig.put("SubnetIds", Fn.split(",", subnetIds));
    vpcConfig.put("SecurityGroupIds", List.of(gate.getSecurityGroup().orElseThrow().getSecurityGroupId()));
    function.addPropertyOverride("VpcConfig", Fn.conditionIf(inVpc.getLogicalId(), vpcConfig, Aws.NO_VALUE));

    List<CfnResource> conditional = new ArrayList<>(List.of(gateSg));
    for (IConstruct child : getNode().findAll()) {
      if (child instanceof CfnSecurityGroupIngress || child instanceof CfnSecurityGroupEgress) {
        ((CfnResource) child).getCfnOptions().setCondition(hasInstanceSg);
        conditional.add((CfnResource) child);
      }
    }
    CfnCondition probeAnyAddress = condition("ProbeAnyAddress",
        Fn.conditionAnd(inVpc, httpReadiness, Fn.conditionNot(hasInstanceSg)));
    CfnSecurityGroupEgress anyAddress = CfnSecurityGroupEgress.Builder.create(this, "ProbeEgressAnyAddress")
        .groupId(gate.getSecurityGroup().orElseThrow().getSecurityGroupId())
        .description("warmgate health probes (no instance security group given)")
        .ipProtocol("tcp")
        .cidrIp("0.0.0.0/0")
        .fromPort(healthPort)
        .toPort(healthPort)
        .build();
    anyAddress.getCfnOptions().setCondition(probeAnyAddress);
    conditional.add(anyAddress);

    gate.getLifecycleHook().ifPresent(hook -> {
      CfnResource cfnHook = (CfnResource) hook.getNode().getDefaultChild();
      cfnHook.getCfnOptions().setCondition(createTheHook);
      List<Object> waits = new ArrayList<>();
      for (CfnResource r : conditional) {
        waits.add(Fn.conditionIf(r.getCfnOptions().getCondition().getLogicalId(), r.getRef(), Aws.NO_VALUE));
      }
      cfnHook.addMetadata("WaitsFor", waits);
      // The construct's DependsOn, less the resources that may not exist; read at synthesis, once the
      // construct-level dependencies have become the resource's own.
      cfnHook.addOverride("DependsOn", Lazy.uncachedAny(context -> {
        Set<Object> skip = new HashSet<>();
        conditional.forEach(r -> skip.add(resolve(r.getLogicalId())));
        return cfnHook.obtainDependencies().stream()
            .filter(CfnResource.class::isInstance)
            .map(d -> resolve(((CfnResource) d).getLogicalId()))
            .filter(id -> !skip.contains(id))
            .map(Object::toString)
            .sorted().distinct().toList();
      }));
    });
  }

  /**
   * The hook's heartbeat timeout and default result from their parameters. The construct holds both as typed
   * values (a duration, an enum), which a token cannot be, so they are set here on the two resources the
   * construct writes them to: the hook, and the alias's event age limit, which is the heartbeat timeout
   * (within Lambda's 60 s..6 h, as the parameter's range already is).
   */
  private static void hookSettings(WarmGate gate, Number heartbeatSeconds, String defaultResult) {
    gate.getLifecycleHook().ifPresent(hook -> {
      CfnLifecycleHook cfnHook = (CfnLifecycleHook) hook.getNode().getDefaultChild();
      cfnHook.setHeartbeatTimeout(heartbeatSeconds);
      cfnHook.setDefaultResult(defaultResult);
    });
    for (IConstruct child : gate.getAlias().getNode().findAll()) {
      if (child instanceof CfnEventInvokeConfig config) {
        config.setMaximumEventAgeInSeconds(heartbeatSeconds);
      }
    }
  }

  /**
   * The hook's metadata and the time-to-ready alarm per readiness and deadline. A deadline is a duration in the
   * construct, which a parameter cannot be, so each allowed one is built here as the CDK path builds it (the
   * construct validates it, at the shortest heartbeat timeout the template allows) and what derives from it goes
   * into the {@value #DEADLINES} mapping: each readiness's metadata (its literal end, where the deadline is written;
   * the part before it holds the HTTP probe's port and path parameters and is the same for every deadline) and
   * the alarm threshold. The hook takes the metadata of the chosen readiness ({@code Fn::If}).
   */
  private void readinessVariants(WarmGate gate, IVpc vpc, String deadline, Number port, String path,
      CfnCondition consoleReadiness, CfnCondition statusReadiness) {
    Map<String, Map<String, Object>> byDeadline = new LinkedHashMap<>();
    Map<Readiness, List<Object>> heads = new EnumMap<>(Readiness.class);
    for (int minutes : DEADLINE_MINUTES) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (Readiness readiness : Readiness.values()) {
        WarmGateProps variant = WarmGateProps.builder()
            .autoScalingGroupName("variant")
            .vpc(vpc)
            .policy(readiness.policy(Duration.ofMinutes(minutes), port, path))
            .heartbeatTimeout(Duration.ofSeconds(MIN_HEARTBEAT_SECONDS))
            .build();
        List<Object> parts = joinParts(resolve(variant.policy().toNotificationMetadata()));
        List<Object> head = List.copyOf(parts.subList(0, parts.size() - 1));
        Object tail = parts.get(parts.size() - 1);
        if (!(tail instanceof String) || heads.containsKey(readiness) && !heads.get(readiness).equals(head)) {
          throw new IllegalStateException("the " + readiness.value() + " metadata differs between deadlines before its literal end: " + parts);
        }
        heads.put(readiness, head);
        row.put(readiness.value(), tail);
        row.put(ALARM_THRESHOLD, String.valueOf(variant.timeToReadyThreshold().toSeconds()));
      }
      byDeadline.put(String.valueOf(minutes), row);
    }
    CfnMapping.Builder.create(this, DEADLINES).mapping(byDeadline).build();

    Map<Readiness, Object> metadata = new EnumMap<>(Readiness.class);
    heads.forEach((readiness, head) -> {
      String end = Fn.findInMap(DEADLINES, deadline, readiness.value());
      List<Object> parts = new ArrayList<>(head);
      parts.add(end);
      metadata.put(readiness, head.isEmpty() ? end : Map.of("Fn::Join", List.of("", parts)));
    });
    gate.getLifecycleHook().ifPresent(hook -> ((CfnResource) hook.getNode().getDefaultChild()).addPropertyOverride(
        "NotificationMetadata", Fn.conditionIf(consoleReadiness.getLogicalId(), metadata.get(Readiness.CONSOLE),
            Fn.conditionIf(statusReadiness.getLogicalId(), metadata.get(Readiness.STATUS), metadata.get(Readiness.HTTP)))));

    String threshold = Fn.findInMap(DEADLINES, deadline, ALARM_THRESHOLD);
    CfnAlarm alarm = (CfnAlarm) gate.getAlarms().stream()
        .filter(a -> a.getNode().getId().equals("TimeToReadyAlarm"))
        .findFirst().orElseThrow(() -> new IllegalStateException("the construct has no TimeToReadyAlarm"))
        .getNode().getDefaultChild();
    alarm.addPropertyOverride("Threshold", threshold);
    alarm.addPropertyOverride("AlarmDescription",
        Fn.join("", List.of("warmgate p90 time to ready of ", gate.getGroupName(), " is over ", threshold, " s")));
  }

  /** A resolved string's parts: itself, or the parts of its {@code Fn::Join} with an empty delimiter. */
  private static List<Object> joinParts(Object resolved) {
    if (resolved instanceof String text) {
      return List.of(text);
    }
    if (resolved instanceof Map<?, ?> join && join.get("Fn::Join") instanceof List<?> args && "".equals(args.get(0))
        && args.get(1) instanceof List<?> parts && !parts.isEmpty()) {
      return new ArrayList<>(parts);
    }
    throw new IllegalStateException("the hook's metadata resolved to neither text nor a join: " + resolved);
  }

  /**
   * The role's grants per variant: the construct writes {@code ec2:GetConsoleOutput} ({@value WarmGate#CONSOLE_OUTPUT_SID})
   * and the network-interface actions ({@value WarmGate#VPC_SID}) for the union policy; here each is kept only under its
   * condition, the console readiness and the function in the VPC. Read at synthesis, once the policy is complete.
   */
  private void grantsPerVariant(WarmGate gate) {
    CfnRole role = (CfnRole) gate.getRole().getNode().getDefaultChild();
    role.addPropertyOverride("Policies", Lazy.uncachedAny(context -> {
      Map<String, String> conditionBySid = Map.of(WarmGate.CONSOLE_OUTPUT_SID, CONSOLE_READINESS, WarmGate.VPC_SID, IN_VPC);
      Set<Object> found = new HashSet<>();
      List<Object> policies = new ArrayList<>();
      for (Object item : (List<?>) resolve(role.getPolicies())) {
        // The L1 property as the construct set it (camelCase), written back as CloudFormation spells it.
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("PolicyName", asMap(item).get("policyName"));
        Map<String, Object> document = new LinkedHashMap<>(asMap(asMap(item).get("policyDocument")));
        List<Object> statements = new ArrayList<>();
        for (Object statement : (List<?>) document.get("Statement")) {
          String condition = conditionBySid.get(asMap(statement).get("Sid"));
          if (condition != null) {
            found.add(asMap(statement).get("Sid"));
          }
          statements.add(condition == null ? statement : Map.of("Fn::If", List.of(condition, statement, Map.of("Ref", "AWS::NoValue"))));
        }
        document.put("Statement", statements);
        policy.put("PolicyDocument", document);
        policies.add(policy);
      }
      if (!found.equals(conditionBySid.keySet())) {
        throw new IllegalStateException("the gate's role lacks a statement of " + conditionBySid.keySet() + ", found " + found);
      }
      return policies;
    }));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object node) {
    return (Map<String, Object>) node;
  }

  /** A text parameter held to {@code pattern}, with a description of it for CloudFormation's error. */
  private CfnParameter.Builder text(String name, String description, String pattern, String constraint) {
    return parameter(name, "String", description).allowedPattern(pattern).constraintDescription(constraint);
  }

  /** A text parameter that may stay empty (its pattern allows it): the feature it names is then off. */
  private CfnParameter optionalText(String name, String description, String pattern, String constraint) {
    return text(name, description, pattern, constraint).defaultValue("").build();
  }

  /** The condition that a text parameter is not empty. */
  private static ICfnRuleConditionExpression isSet(CfnParameter parameter) {
    return Fn.conditionNot(Fn.conditionEquals(parameter.getValueAsString(), ""));
  }

  private CfnParameter.Builder parameter(String name, String type, String description) {
    return CfnParameter.Builder.create(this, name).type(type).description(description);
  }

  private CfnCondition condition(String name, ICfnConditionExpression expression) {
    return CfnCondition.Builder.create(this, name).expression(expression).build();
  }

  private void rule(String name, ICfnRuleConditionExpression when, ICfnConditionExpression assertion, String message) {
    CfnRule.Builder.create(this, name)
        .ruleCondition(when)
        .assertions(List.of(CfnRuleAssertion.builder().assertValue(assertion).assertDescription(message).build()))
        .build();
  }

  private void output(String name, String description, String value) {
    CfnOutput.Builder.create(this, name).description(description).value(value).build();
  }
}
