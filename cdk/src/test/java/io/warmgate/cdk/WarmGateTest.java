package io.warmgate.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.warmgate.aws.iam.GateAction;
import io.warmgate.aws.iam.GateActions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sns.Topic;

/**
 * Checks the construct on its own: three stacks in one app (defaults, every option changed, custom
 * egress peers), synthesized once, each also run through cdk-nag.
 */
class WarmGateTest {

  static SynthesizedStack defaults;
  static SynthesizedStack options;
  static SynthesizedStack peers;
  static SynthesizedStack endpoints;

  @BeforeAll
  static void synthesize() {
    Supplier<App> build = () -> {
      App app = new App();
      Aspects.of(app).add(new AwsSolutionsChecks());

      Stack first = new Stack(app, "Defaults");
      IVpc vpc1 = importVpc(first, "10.0.0.0/16");
      WarmGateNag.suppressAccepted(new WarmGate(first, "Gate", WarmGateProps.builder()
          .autoScalingGroupName("web")
          .vpc(vpc1)
          .instanceSecurityGroup(SecurityGroup.fromSecurityGroupId(first, "Web", "sg-0123456789abcdef0"))
          .build()));

      Stack second = new Stack(app, "Options");
      WarmGateNag.suppressAccepted(new WarmGate(second, "Gate", WarmGateProps.builder()
          .autoScalingGroupName("api")
          .vpc(importVpc(second, "10.1.0.0/16"))
          .allowApiEgress(false)
          .snapStart(false)
          .shadow(true)
          .managedTag("team:gated")
          .hookName("api-ready")
          .heartbeatTimeout(Duration.ofMinutes(10))
          .defaultResult(LifecycleResult.CONTINUE)
          .memorySize(1024)
          .timeout(Duration.ofMinutes(5))
          .logRetention(RetentionDays.ONE_WEEK)
          .timeToReadyThreshold(Duration.ofMinutes(12))
          .alarmTopic(Topic.Builder.create(second, "Alarms").enforceSsl(true).build())
          .lambdaCode(code(second))
          .build()));

      Stack third = new Stack(app, "Peers");
      WarmGateNag.suppressAccepted(new WarmGate(third, "Gate", WarmGateProps.builder()
          .autoScalingGroupName("batch")
          .vpc(importVpc(third, "10.2.0.0/16"))
          .healthPeer(Peer.ipv4("10.2.3.0/24"))
          .apiPeer(Peer.prefixList("pl-0123456789abcdef0"))
          .policy(ReadinessPolicy.builder().port(8080).build())
          .lambdaCode(code(third))
          .build()));

      Stack fourth = new Stack(app, "Endpoints");
      WarmGateNag.suppressAccepted(new WarmGate(fourth, "Gate", WarmGateProps.builder()
          .autoScalingGroupName("isolated")
          .vpc(importVpc(fourth, "10.3.0.0/16"))
          .vpcEndpoints(true)
          .alarmEmail("ops@example.com")
          .lambdaCode(code(fourth))
          .build()));
      return app;
    };
    long start = System.nanoTime();
    CloudAssembly assembly = build.get().synth();
    long millis = (System.nanoTime() - start) / 1_000_000;
    defaults = SynthesizedStack.read(assembly, "Defaults", millis);
    options = SynthesizedStack.read(assembly, "Options", millis);
    peers = SynthesizedStack.read(assembly, "Peers", millis);
    endpoints = SynthesizedStack.read(assembly, "Endpoints", millis);
    defaults.report("construct (4 stacks)");
  }

  private static IVpc importVpc(Stack stack, String cidr) {
    return Vpc.fromVpcAttributes(stack, "Vpc", VpcAttributes.builder()
        .vpcId("vpc-0123456789abcdef0")
        .vpcCidrBlock(cidr)
        .availabilityZones(List.of("us-east-1a", "us-east-1b"))
        .privateSubnetIds(List.of("subnet-0000000000000000a", "subnet-0000000000000000b"))
        .build());
  }

  /** Code from a bucket, so the option stacks do not stage the jar again. */
  private static Code code(Stack stack) {
    return Code.fromBucket(Bucket.fromBucketName(stack, "Artifacts", "artifacts-bucket"), "warmgate-lambda.jar");
  }

  @Test
  void everyVariantPassesCdkNagWithTheConstructsOwnSuppressions() {
    assertThat(defaults.errors()).isEmpty();
    assertThat(options.errors()).isEmpty();
    assertThat(peers.errors()).isEmpty();
    assertThat(endpoints.errors()).isEmpty();
  }

  @Test
  void createsTheHookOnlyAfterTheGateCanReceiveEvents() {
    Map<String, Map<String, Object>> hooks = defaults.template().findResources("AWS::AutoScaling::LifecycleHook");
    String alias = defaults.template().findResources("AWS::Lambda::Alias").keySet().iterator().next();
    List<String> rules = List.copyOf(defaults.template().findResources("AWS::Events::Rule").keySet());

    Object dependsOn = hooks.values().iterator().next().get("DependsOn");

    assertThat(dependsOn).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
        .contains(alias).containsAll(rules);
  }

  @Test
  void defaultFunctionIsJava21Arm64WithSnapStartInThePrivateSubnets() {
    defaults.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Runtime", "java21",
        "Architectures", List.of("arm64"),
        "Handler", WarmGate.HANDLER,
        "MemorySize", 512,
        "Timeout", 120,
        "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
        "VpcConfig", Match.objectLike(Map.of("SubnetIds", List.of("subnet-0000000000000000a", "subnet-0000000000000000b"))),
        "DeadLetterConfig", Map.of("TargetArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("GateDeadLetters.*"), "Arn"))),
        "LoggingConfig", Map.of("LogGroup", Map.of("Ref", Match.stringLikeRegexp("GateLogs.*"))),
        "Environment", Map.of("Variables", Map.of(
            "WARMGATE_GROUPS", "web",
            "WARMGATE_MANAGED_TAG", "none",
            "WARMGATE_SHADOW", "false",
            "POWERTOOLS_SERVICE_NAME", "warmgate",
            "POWERTOOLS_METRICS_NAMESPACE", "warmgate",
            // C1 only won init, first event and fleet CPU (docs/performance.md)
            "JAVA_TOOL_OPTIONS", Match.stringLikeRegexp(".*-XX:TieredStopAtLevel=1.*common\\.parallelism=2.*")))));
    defaults.template().hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
    defaults.template().hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
  }

  @Test
  void eventsAndTheSweepInvokeTheAliasAndFailuresLandInTheEncryptedQueue() {
    defaults.template().hasResourceProperties("AWS::Events::Rule", Map.of(
        "EventPattern", Map.of(
            "source", List.of("aws.autoscaling"),
            "detail-type", List.of("EC2 Instance-launch Lifecycle Action"),
            "detail", Map.of("AutoScalingGroupName", List.of("web"), "LifecycleHookName", List.of("warmgate-launch"))),
        "Targets", List.of(Match.objectLike(Map.of(
            "Arn", Map.of("Ref", Match.stringLikeRegexp("GateAlias.*")),
            "DeadLetterConfig", Match.objectLike(Map.of()),
            "RetryPolicy", Map.of("MaximumRetryAttempts", 4, "MaximumEventAgeInSeconds", 3600))))));
    defaults.template().hasResourceProperties("AWS::Events::Rule", Map.of(
        "ScheduleExpression", "rate(1 minute)",
        "Targets", List.of(Match.objectLike(Map.of(
            "Arn", Map.of("Ref", Match.stringLikeRegexp("GateAlias.*")),
            "RetryPolicy", Map.of("MaximumRetryAttempts", 0, "MaximumEventAgeInSeconds", 60))))));
    defaults.template().hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
    defaults.template().hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Match.objectLike(Map.of(
        "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
  }

  @Test
  void roleHasOnlyTheGatesStatementsAndNoManagedPolicy() {
    defaults.template().hasResourceProperties("AWS::IAM::Role", Map.of(
        "ManagedPolicyArns", Match.absent(),
        "Policies", List.of(Map.of("PolicyName", "gate", "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
            Match.objectLike(Map.of("Sid", "CompleteAndHeartbeatOwnGroup",
                "Action", List.of("autoscaling:RecordLifecycleActionHeartbeat", "autoscaling:CompleteLifecycleAction"))),
            Map.of("Sid", "DescribeInRegion", "Effect", "Allow", "Resource", "*",
                "Action", List.of("autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeLifecycleHooks",
                    "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeWarmPool",
                    "autoscaling:DescribeScalingActivities", "ec2:DescribeInstances", "ec2:DescribeInstanceStatus"),
                "Condition", Map.of("StringEquals", Map.of("aws:RequestedRegion", Map.of("Ref", "AWS::Region")))),
            Match.objectLike(Map.of("Sid", "VpcNetworkInterfaces", "Resource", "*")),
            Map.of("Sid", "OwnLogGroup", "Effect", "Allow",
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("GateLogs.*"), "Arn")))))))));
    // The only other grant: sending failed invocations to the dead-letter queue.
    defaults.template().hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Version", "2012-10-17",
        "Statement", List.of(Map.of("Action", "sqs:SendMessage", "Effect", "Allow",
            "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("GateDeadLetters.*"), "Arn")))))));
  }

  @Test
  void theRoleGrantsEveryActionTheAdaptersCallAndOfTheirsNothingElse() {
    List<String> adapterCalls = GateActions.needed(false).stream().map(GateAction::action).toList();

    List<String> granted = defaults.allowedActions().stream()
        .filter(a -> !WarmGate.VPC_ACTIONS.contains(a) && !WarmGate.LOG_ACTIONS.contains(a) && !a.equals("sqs:SendMessage"))
        .toList();

    assertThat(granted).containsExactlyInAnyOrderElementsOf(adapterCalls);
  }

  @Test
  void withTagDiscoveryTheRoleMayDescribeTagsAndCompleteOnlyForTaggedGroups() {
    assertThat(options.allowedActions()).contains("autoscaling:DescribeTags");
    options.template().hasResourceProperties("AWS::IAM::Role", Map.of("Policies", List.of(Map.of("PolicyName", "gate",
        "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Map.of(
            "Sid", "CompleteAndHeartbeatTaggedGroups", "Effect", "Allow",
            "Action", List.of("autoscaling:RecordLifecycleActionHeartbeat", "autoscaling:CompleteLifecycleAction"),
            "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":autoscaling:",
                Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":autoScalingGroup:*:autoScalingGroupName/*"))),
            "Condition", Map.of("StringEqualsIgnoreCase", Map.of("autoscaling:ResourceTag/team:gated", "true")))))))))));
    assertThat(defaults.allowedActions()).doesNotContain("autoscaling:DescribeTags");
  }

  @Test
  void lambdaNeverRetriesAnInvocationOfTheAliasAndDropsEventsOlderThanTheHeartbeatTimeout() {
    // Regression: the alias kept Lambda's defaults, 2 retries and events up to 6 h old.
    Map<String, Map<String, Object>> configs = defaults.template().findResources("AWS::Lambda::EventInvokeConfig");
    // One config, the alias's own (its qualifier is taken from the alias's ARN), not $LATEST's.
    assertThat(configs).hasSize(1).allSatisfy((id, config) -> assertThat(id).startsWith("GateAliasEventInvokeConfig"));
    defaults.template().hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
        "MaximumRetryAttempts", 0,
        "MaximumEventAgeInSeconds", 300,
        "Qualifier", Match.objectLike(Map.of("Fn::Select", Match.anyValue()))));
    options.template().hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
        "MaximumRetryAttempts", 0, "MaximumEventAgeInSeconds", 600));
  }

  @Test
  void theMaximumEventAgeIsTheHeartbeatTimeoutWithinLambdasBounds() {
    assertThat(WarmGate.maxEventAge(Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(1));
    assertThat(WarmGate.maxEventAge(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    assertThat(WarmGate.maxEventAge(Duration.ofHours(7))).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void hookInGroupNeedsAGroupWithAnExplicitName() {
    Stack stack = new Stack(new App(), "Unnamed");
    IVpc vpc = importVpc(stack, "10.0.0.0/16");
    software.amazon.awscdk.services.autoscaling.AutoScalingGroup group =
        software.amazon.awscdk.services.autoscaling.AutoScalingGroup.Builder.create(stack, "Web")
            .vpc(vpc)
            .instanceType(software.amazon.awscdk.services.ec2.InstanceType.of(
                software.amazon.awscdk.services.ec2.InstanceClass.T3, software.amazon.awscdk.services.ec2.InstanceSize.MICRO))
            .machineImage(software.amazon.awscdk.services.ec2.MachineImage.latestAmazonLinux2023())
            .build();
    WarmGateProps props = WarmGateProps.builder().autoScalingGroup(group).vpc(vpc).hookInGroup(true).lambdaCode(code(stack)).build();

    assertThatThrownBy(() -> new WarmGate(stack, "Gate", props))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("explicit autoScalingGroupName");
  }

  @Test
  void noStatementAllowsAWildcardAction() {
    assertThat(defaults.allowedActions()).isNotEmpty().noneMatch(action -> action.contains("*"));
  }

  @Test
  void gateSecurityGroupReachesTheInstancesOnTheHealthPortAndTheApisOn443() {
    defaults.template().hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("SecurityGroupEgress", List.of(
        Match.objectLike(Map.of("CidrIp", "0.0.0.0/0", "FromPort", 443, "ToPort", 443, "IpProtocol", "tcp")))));
    defaults.template().hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
        "DestinationSecurityGroupId", "sg-0123456789abcdef0", "FromPort", 80, "ToPort", 80));
    defaults.template().hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
        "GroupId", "sg-0123456789abcdef0", "FromPort", 80, "ToPort", 80, "IpProtocol", "tcp"));
  }

  @Test
  void alarmsWatchTheGatesMetricsForThisGroup() {
    defaults.template().resourceCountIs("AWS::CloudWatch::Alarm", 4);
    for (String metric : List.of("Abandoned", "GateErrors")) {
      defaults.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
          "Namespace", "warmgate", "MetricName", metric, "Statistic", "Sum", "Threshold", 0,
          "ComparisonOperator", "GreaterThanThreshold",
          "Dimensions", List.of(Map.of("Name", "AutoScalingGroupName", "Value", "web"))));
    }
    defaults.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
        "Namespace", "warmgate", "MetricName", "TimeToReadySeconds", "ExtendedStatistic", "p90", "Threshold", 1440));
  }

  @Test
  void optionsReachTheHookTheFunctionAndTheAlarms() {
    options.template().hasResourceProperties("AWS::AutoScaling::LifecycleHook", Map.of(
        "AutoScalingGroupName", "api", "LifecycleHookName", "api-ready", "HeartbeatTimeout", 600, "DefaultResult", "CONTINUE"));
    options.template().hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Match.objectLike(Map.of(
        "detail", Map.of("AutoScalingGroupName", List.of("api"), "LifecycleHookName", List.of("api-ready"))))));
    options.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
        "SnapStart", Match.absent(),
        "MemorySize", 1024,
        "Timeout", 300,
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "WARMGATE_SHADOW", "true", "WARMGATE_MANAGED_TAG", "team:gated", "WARMGATE_GROUPS", "api")))));
    options.template().hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
    options.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "TimeToReadySeconds", "Threshold", 720,
        "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("Alarms.*"))),
        "OKActions", List.of(Map.of("Ref", Match.stringLikeRegexp("Alarms.*")))));
  }

  @Test
  void withoutApiEgressOrInstanceGroupOnlyTheVpcCidrIsReachableOnTheHealthPort() {
    options.template().hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("SecurityGroupEgress", List.of(Map.of(
        "CidrIp", "10.1.0.0/16", "FromPort", 80, "ToPort", 80, "IpProtocol", "tcp", "Description", "warmgate health probes"))));
    options.template().resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
    options.template().resourceCountIs("AWS::EC2::SecurityGroupEgress", 0);
  }

  @Test
  void customPeersNarrowBothEgressRules() {
    peers.template().hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("SecurityGroupEgress", List.of(
        Match.objectLike(Map.of("CidrIp", "10.2.3.0/24", "FromPort", 8080, "ToPort", 8080)))));
    // A prefix list cannot be an inline rule, so CDK writes it as its own resource.
    peers.template().resourceCountIs("AWS::EC2::SecurityGroupEgress", 1);
    peers.template().hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
        "DestinationPrefixListId", "pl-0123456789abcdef0", "FromPort", 443, "ToPort", 443, "IpProtocol", "tcp"));
  }

  @Test
  void withoutATopicEveryAlarmNotifiesAnEncryptedTopicOfItsOwnWhoseArnIsAnOutput() {
    String topic = defaults.template().findResources("AWS::SNS::Topic").keySet().iterator().next();
    String key = defaults.template().findResources("AWS::KMS::Key").keySet().iterator().next();

    defaults.template().resourceCountIs("AWS::SNS::Topic", 1);
    defaults.template().hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn"))));
    defaults.template().hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true,
        "KeyPolicy", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
            "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))))); 
    defaults.template().resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of(
        "AlarmActions", List.of(Map.of("Ref", topic)), "OKActions", List.of(Map.of("Ref", topic))), 4);
    defaults.template().hasOutput("*", Map.of("Value", Map.of("Ref", topic)));
    defaults.template().resourceCountIs("AWS::SNS::Subscription", 0);
  }

  @Test
  void aGivenTopicIsTheOnlyOneAndAnEmailSubscribesToTheCreatedOne() {
    options.template().resourceCountIs("AWS::SNS::Topic", 1);
    options.template().resourceCountIs("AWS::KMS::Key", 0);
    endpoints.template().hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
    assertThatThrownBy(() -> WarmGateProps.builder().autoScalingGroupName("web").vpc(importVpc(new Stack(new App(), "Clash"), "10.0.0.0/16"))
        .alarmTopic(Topic.fromTopicArn(new Stack(new App(), "T"), "T", "arn:aws:sns:us-east-1:123456789012:alerts"))
        .alarmEmail("ops@example.com").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("alarmEmail");
  }

  @Test
  void vpcEndpointsAreCreatedForAutoScalingAndEc2AndOnlyTheGateReachesThem() {
    endpoints.template().resourceCountIs("AWS::EC2::VPCEndpoint", 2);
    for (String service : List.of("autoscaling", "ec2")) {
      endpoints.template().hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
          "VpcEndpointType", "Interface", "PrivateDnsEnabled", true,
          "ServiceName", Map.of("Fn::Join", List.of("", List.of("com.amazonaws.", Map.of("Ref", "AWS::Region"), "." + service)))));
    }
    Map<String, Map<String, Object>> groups = endpoints.template().findResources("AWS::EC2::SecurityGroup");
    String gate = groups.keySet().stream().filter(id -> id.startsWith("GateSecurityGroup")).findFirst().orElseThrow();
    String endpointGroup = groups.keySet().stream().filter(id -> id.startsWith("GateEndpointSecurityGroup")).findFirst().orElseThrow();
    endpoints.template().hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
        "GroupId", Map.of("Fn::GetAtt", List.of(endpointGroup, "GroupId")),
        "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(gate, "GroupId")), "FromPort", 443, "ToPort", 443));
    endpoints.template().hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
        "GroupId", Map.of("Fn::GetAtt", List.of(gate, "GroupId")),
        "DestinationSecurityGroupId", Map.of("Fn::GetAtt", List.of(endpointGroup, "GroupId")), "FromPort", 443, "ToPort", 443));
    // HTTPS leaves the gate for the endpoints only, and the endpoints admit nothing from the rest of the VPC.
    assertThat(groups.get(gate).toString()).doesNotContain("0.0.0.0/0");
    assertThat(groups.get(endpointGroup).toString()).doesNotContain("10.3.0.0/16");
    // The hook waits for the endpoints: without them the gate could not call Auto Scaling at all.
    List<String> endpointIds = List.copyOf(endpoints.template().findResources("AWS::EC2::VPCEndpoint").keySet());
    endpoints.template().hasResource("AWS::AutoScaling::LifecycleHook", Map.of("DependsOn", Match.arrayWith(endpointIds)));
    defaults.template().resourceCountIs("AWS::EC2::VPCEndpoint", 0);
  }

  @Test
  void aMissingJarFailsTheSynthesisWithTheBuildCommand() {
    Stack stack = new Stack(new App(), "NoJar");
    WarmGateProps props = WarmGateProps.builder()
        .autoScalingGroupName("web")
        .vpc(importVpc(stack, "10.0.0.0/16"))
        .lambdaJar(Path.of("target", "missing", "warmgate-lambda.jar"))
        .build();

    assertThatThrownBy(() -> new WarmGate(stack, "Gate", props))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mvn -pl lambda -am package");
  }
}
