package io.warmgate.cdk.portable;

import io.warmgate.cdk.LifecycleResult;
import io.warmgate.cdk.WarmGate;
import io.warmgate.cdk.WarmGateNag;
import io.warmgate.cdk.WarmGateProps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.CfnCondition;
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
 * health port, and the hook created by the stack or left to an existing one ({@value #CREATE_HOOK}).
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

  /** The shortest heartbeat timeout: two sweep periods, as {@link WarmGateProps} requires. */
  static final int MIN_HEARTBEAT_SECONDS = (int) WarmGateProps.SWEEP_PERIOD.multipliedBy(2).toSeconds();

  /** The condition: the function runs in the given subnets. */
  public static final String IN_VPC = "InVpc";
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
    CfnCondition createTheHook = condition(CREATE_HOOK, Fn.conditionEquals(createHook.getValueAsString(), "true"));
    CfnCondition hasInstanceSg = condition("HasInstanceSecurityGroup", Fn.conditionAnd(inVpc, isSet(instanceSg)));
    rule("SubnetsNeedTheirVpc", isSet(subnetIds), isSet(vpcId), "SubnetIds needs VpcId, the VPC they belong to");
    rule("SecurityGroupNeedsSubnets", isSet(instanceSg), isSet(subnetIds),
        "InstanceSecurityGroupId needs SubnetIds: a function outside the VPC cannot reach the instances");

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

    WarmGateProps gateProps = WarmGateProps.builder()
        .autoScalingGroupName(group.getValueAsString())
        .vpc(vpc)
        .policy(defaults.policy().toBuilder()
            .port(healthPort.getValueAsNumber())
            .path(healthPath.getValueAsString())
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

    conditionalVariants(gate, inVpc, hasInstanceSg, createTheHook, subnetIds.getValueAsString(), healthPort.getValueAsNumber());
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
  private void conditionalVariants(WarmGate gate, CfnCondition inVpc, CfnCondition hasInstanceSg,
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
    CfnCondition probeAnyAddress = condition("ProbeAnyAddress", Fn.conditionAnd(inVpc, Fn.conditionNot(hasInstanceSg)));
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
