package io.warmgate.cdk;

import io.warmgate.aws.iam.GateAction;
import io.warmgate.aws.iam.GateActions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.CfnAutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.CfnAutoScalingGroup.LifecycleHookSpecificationProperty;
import software.amazon.awscdk.services.autoscaling.DefaultResult;
import software.amazon.awscdk.services.autoscaling.IAutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.LifecycleHook;
import software.amazon.awscdk.services.autoscaling.LifecycleTransition;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Attaches the warmgate readiness gate to one Auto Scaling group.
 *
 * <p>It creates:
 * <ul>
 *   <li>a launching lifecycle hook whose NotificationMetadata carries the {@link ReadinessPolicy};</li>
 *   <li>the gate function ({@value #HANDLER}, java21, arm64, SnapStart on published versions) behind
 *       the alias {@value #ALIAS}, in the group's VPC with its own security group;</li>
 *   <li>an EventBridge rule for {@code EC2 Instance-launch Lifecycle Action} of exactly this group
 *       and hook, and a one-minute sweep schedule, both invoking the alias;</li>
 *   <li>an encrypted dead-letter queue for failed asynchronous invocations and undeliverable events,
 *       a log group with retention, and alarms on the gate's metrics and the queue;</li>
 *   <li>unless {@code alarmTopic} is given, a KMS-encrypted SNS topic that every alarm notifies (alarm and
 *       OK), optionally with an email subscription ({@code alarmEmail}), and its ARN as an output;</li>
 *   <li>with {@code vpcEndpoints}, the {@code autoscaling} and {@code ec2} interface endpoints.</li>
 * </ul>
 *
 * <p>The function reads these environment variables: {@value #ENV_GROUPS} (comma-separated managed
 * group names; here the one group), {@value #ENV_MANAGED_TAG} (tag key marking further managed
 * groups; {@value #MANAGED_TAG_OFF} unless {@link WarmGateProps.Builder#managedTag} is set) and
 * {@value #ENV_SHADOW} ({@code true} logs decisions without completing actions). The per-group
 * readiness policy travels in the hook's NotificationMetadata.
 *
 * <p>The role grants exactly the actions the gate's adapters call ({@link GateActions}), plus the
 * Lambda runtime's network-interface and log actions; {@code autoscaling:DescribeTags} only with tag
 * discovery on.
 *
 * <p>The hook is created only after the function, alias, rules and security group rules exist, so
 * no lifecycle action can arrive before the gate is listening and able to probe. Instances launched
 * before the hook existed never pass through it: for a group created in the same app, set
 * {@code hookInGroup} so the hook is part of the group's definition
 * ({@code LifecycleHookSpecificationList}) and the group waits for the gate; otherwise make a warm
 * pool depend on this construct.
 */
public final class WarmGate extends Construct {

  /** The function's JVM options: C1 only (faster init and first event, less CPU per gate), two common-pool workers. */
  static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Djava.util.concurrent.ForkJoinPool.common.parallelism=2";

  /** The gate's Lambda handler. */
  public static final String HANDLER = "io.warmgate.lambda.GateHandler::handleRequest";
  /** The alias that events and the sweep invoke. */
  public static final String ALIAS = "live";
  /** The environment variable listing the managed groups. */
  public static final String ENV_GROUPS = "WARMGATE_GROUPS";
  /** The environment variable naming the managed tag key. */
  public static final String ENV_MANAGED_TAG = "WARMGATE_MANAGED_TAG";
  /** The environment variable switching shadow mode. */
  public static final String ENV_SHADOW = "WARMGATE_SHADOW";
  /** The {@value #ENV_MANAGED_TAG} value that turns tag discovery off. */
  public static final String MANAGED_TAG_OFF = "none";
  /** The CloudWatch namespace of the gate's EMF metrics. */
  public static final String METRICS_NAMESPACE = "warmgate";
  /** The Sid of the role's statement granting {@code ec2:GetConsoleOutput} (only with a console probe). */
  public static final String CONSOLE_OUTPUT_SID = "ConsoleOutputOfInstances";
  /** The Sid of the role's statement granting the network-interface actions (only in a VPC). */
  public static final String VPC_SID = "VpcNetworkInterfaces";
  /** The probe kind whose policies need {@code ec2:GetConsoleOutput}. */
  static final String CONSOLE_PROBE = "ec2console";
  /** The launching transition, as Auto Scaling spells it. */
  static final String LAUNCHING_TRANSITION = "autoscaling:EC2_INSTANCE_LAUNCHING";
  /** The detail-type of launching lifecycle events. */
  public static final String LAUNCH_DETAIL_TYPE = "EC2 Instance-launch Lifecycle Action";

  /** What a Lambda function in a VPC needs to attach to its subnets (AWSLambdaVPCAccessExecutionRole's actions). */
  static final List<String> VPC_ACTIONS = List.of(
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses");
  /** What the function needs to write its logs. */
  static final List<String> LOG_ACTIONS = List.of("logs:CreateLogStream", "logs:PutLogEvents");

  private final String groupName;
  /** The function's security group; null when it runs outside any VPC. */
  private final SecurityGroup securityGroup;
  private final Role role;
  private final LogGroup logGroup;
  private final Queue deadLetterQueue;
  private final Function function;
  private final Alias alias;
  private final Rule launchRule;
  private final Rule sweepRule;
  private final LifecycleHook hook;
  private final List<Alarm> alarms;
  private final ITopic alarmTopic;
  private final List<InterfaceVpcEndpoint> endpoints;

  /**
   * Creates the gate for the group in {@code props}.
   *
   * @throws IllegalStateException if the Lambda jar cannot be found (see {@link LambdaJar})
   */
  public WarmGate(Construct scope, String id, WarmGateProps props) {
    super(scope, id);
    Objects.requireNonNull(props, "props");
    IAutoScalingGroup group = props.autoScalingGroup()
        .orElseGet(() -> AutoScalingGroup.fromAutoScalingGroupName(this, "Group", props.autoScalingGroupName().orElseThrow()));
    CfnAutoScalingGroup groupResource = props.hookInGroup() ? groupResource(group) : null;
    // With the hook in the group's definition the group waits for the gate, so the gate must name the
    // group without referring to it (a Ref would be a dependency cycle): the group's own name property.
    this.groupName = groupResource != null ? groupResource.getAutoScalingGroupName()
        : props.autoScalingGroupName().orElseGet(group::getAutoScalingGroupName);
    this.securityGroup = props.inVpc() ? securityGroup(props) : null;
    this.endpoints = props.inVpc() && props.vpcEndpoints() ? endpoints(props) : List.of();
    this.logGroup = LogGroup.Builder.create(this, "Logs").retention(props.logRetention()).build();
    this.deadLetterQueue = Queue.Builder.create(this, "DeadLetters")
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .build();
    this.role = Role.Builder.create(this, "Role")
        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
        .description("warmgate gate function for group " + groupName)
        .inlinePolicies(Map.of("gate", gatePolicy(Stack.of(this), groupName, props)))
        .build();
    this.function = function(props);
    this.alias = alias(props.heartbeatTimeout());
    this.launchRule = launchRule(props.hookName());
    this.sweepRule = sweepRule();
    this.hook = hook(props, group, groupResource);
    this.alarmTopic = props.alarmTopic().orElseGet(() -> alarmTopic(props.alarmEmail()));
    this.alarms = alarms(props.timeToReadyThreshold());
  }

  /**
   * The function's own security group: egress to the instances' health port (with the matching ingress
   * on the instances' group when it is given) and HTTPS to the AWS APIs, nothing else.
   */
  private SecurityGroup securityGroup(WarmGateProps props) {
    IVpc vpc = props.vpc().orElseThrow();
    SecurityGroup gate = SecurityGroup.Builder.create(this, "SecurityGroup")
        .vpc(vpc)
        .description("warmgate gate function: health probes and AWS APIs only")
        .allowAllOutbound(false)
        .build();
    List<Port> ports = new ArrayList<>();
    if (props.policy().probeKinds().contains("http")) {
      ports.add(Port.tcp(props.policy().port()));
    }
    props.policy().tcpPorts().forEach(port -> ports.add(Port.tcp(port)));
    for (Port healthPort : ports) {
      if (props.instanceSecurityGroup().isPresent()) {
        // Adds the egress here and the matching ingress on the instances' group.
        ISecurityGroup instances = props.instanceSecurityGroup().get();
        gate.getConnections().allowTo(instances, healthPort, "warmgate health probes");
      } else {
        gate.addEgressRule(
            props.healthPeer().orElseGet(() -> Peer.ipv4(vpc.getVpcCidrBlock())), healthPort, "warmgate health probes");
      }
    }
    // With the construct's own endpoints, HTTPS goes to their security group only (see endpoints()).
    if (props.allowApiEgress() && (!props.vpcEndpoints() || props.apiPeer().isPresent())) {
      gate.addEgressRule(props.apiPeer().orElseGet(Peer::anyIpv4), Port.tcp(443), "HTTPS to the AWS APIs");
    }
    return gate;
  }

  /**
   * The {@code autoscaling} and {@code ec2} interface endpoints, with private DNS, in the function's
   * subnets: all the gate calls, so a subnet without a NAT route needs nothing else. Their security group
   * admits 443 from the gate's alone ({@code open(false)}: not the whole VPC).
   */
  private List<InterfaceVpcEndpoint> endpoints(WarmGateProps props) {
    SecurityGroup endpointGroup = SecurityGroup.Builder.create(this, "EndpointSecurityGroup")
        .vpc(props.vpc().orElseThrow())
        .description("warmgate: autoscaling and ec2 interface endpoints, HTTPS from the gate function only")
        .allowAllOutbound(false)
        .build();
    endpointGroup.addIngressRule(securityGroup, Port.tcp(443), "HTTPS from the warmgate function");
    if (props.allowApiEgress()) {
      securityGroup.addEgressRule(endpointGroup, Port.tcp(443), "HTTPS to the autoscaling and ec2 endpoints");
    }
    List<InterfaceVpcEndpoint> created = new ArrayList<>();
    for (Map.Entry<String, InterfaceVpcEndpointAwsService> service : List.of(
        Map.entry("AutoScalingEndpoint", InterfaceVpcEndpointAwsService.AUTOSCALING),
        Map.entry("Ec2Endpoint", InterfaceVpcEndpointAwsService.EC2))) {
      created.add(InterfaceVpcEndpoint.Builder.create(this, service.getKey())
          .vpc(props.vpc().orElseThrow())
          .service(service.getValue())
          .subnets(functionSubnets(props))
          .securityGroups(List.of(endpointGroup))
          .open(false)
          .privateDnsEnabled(true)
          .build());
    }
    return created;
  }

  private static SubnetSelection functionSubnets(WarmGateProps props) {
    return props.vpcSubnets().orElseGet(() -> SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build());
  }

  /** The gate function, in the VPC when its probes need one, with its environment, log group and dead-letter queue. */
  private Function function(WarmGateProps props) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(ENV_GROUPS, groupName);
    environment.put(ENV_MANAGED_TAG, props.managedTag().orElse(MANAGED_TAG_OFF));
    environment.put(ENV_SHADOW, Boolean.toString(props.shadow()));
    // C1 only: JVM start to the first event handled took 2.3 s instead of 3.5 s, the first event after
    // priming 0.27 s instead of 0.50 s, and a 1,000-instance fleet cost 40% less gate CPU (C2's
    // compiling was half of it), docs/performance.md. On small Lambda sizes the JDK's common pool has
    // parallelism 1, and async completions then start a fresh thread each; two workers keep them pooled.
    environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    environment.put("POWERTOOLS_SERVICE_NAME", "warmgate");
    environment.put("POWERTOOLS_METRICS_NAMESPACE", METRICS_NAMESPACE);

    Code code = props.lambdaCode().orElseGet(() -> Code.fromAsset(
        props.lambdaJar().map(LambdaJar::check).orElseGet(LambdaJar::resolve).toString()));
    Function.Builder builder = Function.Builder.create(this, "Function")
        .description("warmgate readiness gate for " + groupName)
        .runtime(Runtime.JAVA_21)
        .architecture(Architecture.ARM_64)
        .handler(HANDLER)
        .code(code)
        .memorySize(props.memorySize())
        .timeout(Duration.seconds(props.timeout().toSeconds()))
        .role(role)
        .environment(environment)
        .logGroup(logGroup)
        .deadLetterQueue(deadLetterQueue);
    if (securityGroup != null) {
      builder.vpc(props.vpc().orElseThrow())
          .vpcSubnets(functionSubnets(props))
          .securityGroups(List.of(securityGroup));
    }
    if (props.snapStart()) {
      builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
    }
    return builder.build();
  }

  /** The alias events and sweeps invoke, with its asynchronous-invocation config. */
  private Alias alias(java.time.Duration heartbeatTimeout) {
    Alias live = Alias.Builder.create(this, "Alias").aliasName(ALIAS).version(function.getCurrentVersion()).build();
    // Events and sweeps invoke the alias, so its own config is the one that applies. No retries: a
    // failed run is picked up by the next sweep a minute later, and a retry would gate the action
    // twice. An event older than the heartbeat timeout tells nothing the sweep has not acted on.
    live.configureAsyncInvoke(EventInvokeConfigOptions.builder()
        .retryAttempts(0)
        .maxEventAge(Duration.seconds(maxEventAge(heartbeatTimeout).toSeconds()))
        .build());
    return live;
  }

  /** The rule for this group's and hook's launching lifecycle events. */
  private Rule launchRule(String hookName) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("AutoScalingGroupName", List.of(groupName));
    detail.put("LifecycleHookName", List.of(hookName));
    return Rule.Builder.create(this, "LaunchRule")
        .description("warmgate: launching lifecycle actions of " + groupName)
        .eventPattern(EventPattern.builder()
            .source(List.of("aws.autoscaling"))
            .detailType(List.of(LAUNCH_DETAIL_TYPE))
            .detail(detail)
            .build())
        .targets(List.of(new LambdaFunction(alias, LambdaFunctionProps.builder()
            .deadLetterQueue(deadLetterQueue)
            .retryAttempts(4)
            .maxEventAge(Duration.hours(1))
            .build())))
        .build();
  }

  /** The one-minute sweep schedule. */
  private Rule sweepRule() {
    return Rule.Builder.create(this, "SweepRule")
        .description("warmgate: sweep for lifecycle actions still waiting in " + groupName)
        .schedule(Schedule.rate(Duration.seconds(WarmGateProps.SWEEP_PERIOD.toSeconds())))
        // A lost sweep is replaced by the next one a minute later; retrying it only piles up.
        .targets(List.of(new LambdaFunction(alias, LambdaFunctionProps.builder()
            .retryAttempts(0)
            .maxEventAge(Duration.seconds(WarmGateProps.SWEEP_PERIOD.toSeconds()))
            .build())))
        .build();
  }

  /**
   * The launching hook, created only once the gate can hear events, sweep and probe: a resource of its
   * own (returned), or declared in the group's definition ({@code hookInGroup}, returns null).
   */
  private LifecycleHook hook(WarmGateProps props, IAutoScalingGroup group, CfnAutoScalingGroup groupResource) {
    LifecycleHookSpecificationProperty spec = LifecycleHookSpecificationProperty.builder()
        .lifecycleHookName(props.hookName())
        .lifecycleTransition(LAUNCHING_TRANSITION)
        .heartbeatTimeout(props.heartbeatTimeout().toSeconds())
        .defaultResult(props.defaultResult().name())
        .notificationMetadata(props.policy().toNotificationMetadata())
        .build();
    List<IConstruct> gateReady = new ArrayList<>(List.of(alias, launchRule, sweepRule));
    if (securityGroup != null) {
      gateReady.add(securityGroup);
      props.instanceSecurityGroup().ifPresent(gateReady::add);
    }
    gateReady.addAll(endpoints);
    if (groupResource != null) {
      List<Object> hooks = new ArrayList<>();
      if (groupResource.getLifecycleHookSpecificationList() instanceof List<?> existing) {
        hooks.addAll(existing);
      }
      hooks.add(spec);
      groupResource.setLifecycleHookSpecificationList(hooks);
      // The group's first instances wait on the hook as soon as it exists: the gate must be listening.
      group.getNode().addDependency(gateReady.toArray(IConstruct[]::new));
      return null;
    }
    LifecycleHook launchHook = LifecycleHook.Builder.create(this, "LaunchHook")
        .autoScalingGroup(group)
        .lifecycleHookName(spec.getLifecycleHookName())
        .lifecycleTransition(LifecycleTransition.INSTANCE_LAUNCHING)
        .heartbeatTimeout(Duration.seconds(spec.getHeartbeatTimeout()))
        .defaultResult(props.defaultResult() == LifecycleResult.ABANDON ? DefaultResult.ABANDON : DefaultResult.CONTINUE)
        .notificationMetadata(spec.getNotificationMetadata())
        .build();
    // Events, sweep and the probe path (both security group rules) must all work before the
    // first instance can wait on the hook.
    launchHook.getNode().addDependency(gateReady.toArray(IConstruct[]::new));
    return launchHook;
  }

  /**
   * The topic the alarms notify when none is given, so that a failure is never silent: encrypted with a
   * key of its own (CloudWatch must be able to use it, which an AWS managed key cannot grant), HTTPS
   * only, optionally with an email subscription, and its ARN as a stack output.
   */
  private ITopic alarmTopic(Optional<String> email) {
    Stack stack = Stack.of(this);
    Key key = Key.Builder.create(this, "AlarmTopicKey")
        .description("warmgate alarm topic for " + groupName)
        .enableKeyRotation(true)
        .build();
    key.addToResourcePolicy(cloudWatchAlarmsMay(stack, List.of("kms:Decrypt", "kms:GenerateDataKey*"), "*"));
    Topic topic = Topic.Builder.create(this, "AlarmTopic")
        .displayName("warmgate alarms")
        .masterKey(key)
        .enforceSsl(true)
        .build();
    topic.addToResourcePolicy(cloudWatchAlarmsMay(stack, List.of("sns:Publish"), topic.getTopicArn()));
    email.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));
    CfnOutput.Builder.create(this, "AlarmTopicArn")
        .description("warmgate: the SNS topic its alarms notify (subscribe to it to hear about failures)")
        .value(topic.getTopicArn())
        .build();
    return topic;
  }

  /** Lets CloudWatch, for this account's alarms only, take {@code actions} on {@code resource}. */
  private static PolicyStatement cloudWatchAlarmsMay(Stack stack, List<String> actions, String resource) {
    return PolicyStatement.Builder.create()
        .sid("CloudWatchAlarmsPublish")
        .effect(Effect.ALLOW)
        .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
        .actions(actions)
        .resources(List.of(resource))
        .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
        .build();
  }

  /** The alarms on abandons, gate errors, p90 time to ready and dead letters, each notifying the alarm topic. */
  private List<Alarm> alarms(java.time.Duration timeToReadyThreshold) {
    List<Alarm> all = List.of(
        countAlarm("AbandonedAlarm", "Abandoned", "warmgate abandoned an instance of " + groupName),
        countAlarm("GateErrorsAlarm", "GateErrors", "warmgate failed while gating " + groupName),
        Alarm.Builder.create(this, "TimeToReadyAlarm")
            .alarmDescription("warmgate p90 time to ready of " + groupName + " is over "
                + timeToReadyThreshold.toSeconds() + " s")
            .metric(gateMetric("TimeToReadySeconds", "p90", Duration.minutes(15)))
            .threshold(timeToReadyThreshold.toSeconds())
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
            .evaluationPeriods(1)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build(),
        Alarm.Builder.create(this, "DeadLettersAlarm")
            .alarmDescription("warmgate has undelivered lifecycle events or failed invocations for " + groupName)
            .metric(deadLetterQueue.metricApproximateNumberOfMessagesVisible())
            .threshold(0)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
            .evaluationPeriods(1)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build());
    for (Alarm alarm : all) {
      alarm.addAlarmAction(new SnsAction(alarmTopic));
      alarm.addOkAction(new SnsAction(alarmTopic));
    }
    return all;
  }

  /** The heartbeat timeout, within what Lambda accepts for an event's age (60 s to 6 h). */
  static java.time.Duration maxEventAge(java.time.Duration heartbeatTimeout) {
    java.time.Duration min = java.time.Duration.ofMinutes(1);
    java.time.Duration max = java.time.Duration.ofHours(6);
    return heartbeatTimeout.compareTo(min) < 0 ? min : heartbeatTimeout.compareTo(max) > 0 ? max : heartbeatTimeout;
  }

  private static CfnAutoScalingGroup groupResource(IAutoScalingGroup group) {
    if (!(group instanceof AutoScalingGroup created) || !(created.getNode().getDefaultChild() instanceof CfnAutoScalingGroup cfn)) {
      throw new IllegalStateException("hookInGroup needs a group created in this app (an AutoScalingGroup construct)");
    }
    // Without a name given, the L2 group leaves a token here that resolves to nothing.
    if (cfn.getAutoScalingGroupName() == null || Stack.of(cfn).resolve(cfn.getAutoScalingGroupName()) == null) {
      throw new IllegalStateException("hookInGroup needs a group with an explicit autoScalingGroupName: the group waits for"
          + " the gate, so the gate cannot take the name from the group (e.g. Fn.join(\"-\", List.of(stack.getStackName(), \"web\")))");
    }
    return cfn;
  }

  private Alarm countAlarm(String id, String metricName, String description) {
    return Alarm.Builder.create(this, id)
        .alarmDescription(description)
        .metric(gateMetric(metricName, "Sum", Duration.minutes(5)))
        .threshold(0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
        .evaluationPeriods(1)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
  }

  private Metric gateMetric(String name, String statistic, Duration period) {
    return Metric.Builder.create()
        .namespace(METRICS_NAMESPACE)
        .metricName(name)
        .dimensionsMap(Map.of("AutoScalingGroupName", groupName))
        .statistic(statistic)
        .period(period)
        .build();
  }

  /**
   * The function's only permissions. The gate's own calls come from {@link GateActions}, the list kept
   * beside the adapters and checked against their code: the lifecycle-action calls on this group's
   * ARN (and, with tag discovery, on groups carrying the managed tag), the describes, which AWS cannot
   * scope to a resource, on {@code *} within this region; {@code ec2:GetConsoleOutput} on this region's
   * instances, and only when a phase of the policy uses the {@code ec2console} probe. Then what the
   * Lambda runtime needs: the network interfaces of a function in a VPC (not outside one), and writing
   * to its own log group.
   */
  private PolicyDocument gatePolicy(Stack stack, String group, WarmGateProps props) {
    Optional<String> managedTag = props.managedTag();
    List<GateAction> needed = GateActions.needed(managedTag.isPresent(), props.policy().probeKinds().contains(CONSOLE_PROBE));
    List<String> groupActions = GateActions.names(needed, GateAction.Scope.GROUP);
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(PolicyStatement.Builder.create()
        .sid("CompleteAndHeartbeatOwnGroup")
        .effect(Effect.ALLOW)
        .actions(groupActions)
        .resources(List.of(groupArn(stack, group)))
        .build());
    managedTag.ifPresent(tag -> statements.add(PolicyStatement.Builder.create()
        .sid("CompleteAndHeartbeatTaggedGroups")
        .effect(Effect.ALLOW)
        .actions(groupActions)
        .resources(List.of(groupArn(stack, "*")))
        // The sweep gates every group tagged <tag>=true; the same tag bounds what it may complete.
        .conditions(Map.of("StringEqualsIgnoreCase", Map.of("autoscaling:ResourceTag/" + tag, "true")))
        .build()));
    statements.add(PolicyStatement.Builder.create()
        .sid("DescribeInRegion")
        .effect(Effect.ALLOW)
        .actions(GateActions.names(needed, GateAction.Scope.ANY))
        .resources(List.of("*"))
        .conditions(Map.of("StringEquals", Map.of("aws:RequestedRegion", stack.getRegion())))
        .build());
    List<String> instanceActions = GateActions.names(needed, GateAction.Scope.INSTANCE);
    if (!instanceActions.isEmpty()) {
      statements.add(PolicyStatement.Builder.create()
          .sid(CONSOLE_OUTPUT_SID)
          .effect(Effect.ALLOW)
          .actions(instanceActions)
          .resources(List.of(stack.formatArn(ArnComponents.builder()
              .service("ec2").resource("instance").resourceName("*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
          .build());
    }
    if (props.inVpc()) {
      statements.add(PolicyStatement.Builder.create()
          .sid(VPC_SID)
          .effect(Effect.ALLOW)
          .actions(VPC_ACTIONS)
          .resources(List.of("*"))
          .build());
    }
    statements.add(PolicyStatement.Builder.create()
        .sid("OwnLogGroup")
        .effect(Effect.ALLOW)
        .actions(LOG_ACTIONS)
        .resources(List.of(logGroup.getLogGroupArn()))
        .build());
    return PolicyDocument.Builder.create().statements(statements).build();
  }

  /** A group's ARN; the group id (a UUID AWS assigns) is a wildcard, the name fixed. */
  private static String groupArn(Stack stack, String group) {
    return stack.formatArn(ArnComponents.builder()
        .service("autoscaling")
        .resource("autoScalingGroup")
        .resourceName("*:autoScalingGroupName/" + group)
        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
        .build());
  }

  /** The name of the gated group (a token when the group is created in the same app). */
  public String getGroupName() {
    return groupName;
  }

  /** The gate function's own security group; empty when the function runs outside any VPC. */
  public Optional<SecurityGroup> getSecurityGroup() {
    return Optional.ofNullable(securityGroup);
  }

  /** The gate function's execution role. */
  public Role getRole() {
    return role;
  }

  /** The gate function's log group. */
  public LogGroup getLogGroup() {
    return logGroup;
  }

  /** The dead-letter queue for failed invocations and undeliverable events. */
  public Queue getDeadLetterQueue() {
    return deadLetterQueue;
  }

  /** The gate function. */
  public Function getFunction() {
    return function;
  }

  /** The alias {@value #ALIAS} that events and the sweep invoke. */
  public Alias getAlias() {
    return alias;
  }

  /** The rule matching this group's launching lifecycle events. */
  public Rule getLaunchRule() {
    return launchRule;
  }

  /** The one-minute sweep schedule. */
  public Rule getSweepRule() {
    return sweepRule;
  }

  /** The launching lifecycle hook, unless it is declared in the group's own definition ({@code hookInGroup}). */
  public Optional<LifecycleHook> getLifecycleHook() {
    return Optional.ofNullable(hook);
  }

  /** The alarms: abandons, gate errors, p90 time to ready, dead letters. */
  public List<Alarm> getAlarms() {
    return alarms;
  }

  /** The topic every alarm notifies (alarm and OK): {@code alarmTopic}, or the one this construct created. */
  public ITopic getAlarmTopic() {
    return alarmTopic;
  }

  /** The {@code autoscaling} and {@code ec2} interface endpoints, when {@code vpcEndpoints} is on (else empty). */
  public List<InterfaceVpcEndpoint> getVpcEndpoints() {
    return endpoints;
  }
}
