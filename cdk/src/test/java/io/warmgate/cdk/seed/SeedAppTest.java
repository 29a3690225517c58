package io.warmgate.cdk.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.cdk.SynthesizedStack;
import io.warmgate.cdk.WarmGate;
import io.warmgate.cdk.WarmGateApps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Synthesizes the {@code seed-stack} app once (into {@code cdk.out/seed-stack}) and checks its template. */
class SeedAppTest {

  static SynthesizedStack stack;
  static Template template;

  @BeforeAll
  static void synthesize() {
    stack = SynthesizedStack.synth(() -> SeedApp.build(Map.of()), SeedApp.STACK_ID);
    template = stack.template();
    stack.report(SeedApp.NAME);
  }

  private static Map.Entry<String, Map<String, Object>> only(String type) {
    Map<String, Map<String, Object>> found = template.findResources(type);
    assertThat(found).hasSize(1);
    return found.entrySet().iterator().next();
  }

  @Test
  void writesTheTemplateWhereTheLintScriptLooks() {
    assertThat(WarmGateApps.outdir(SeedApp.NAME).resolve(SeedApp.STACK_ID + ".template.json")).isRegularFile();
  }

  @Test
  void passesCdkNagAwsSolutionsWithNoUnsuppressedError() {
    assertThat(stack.errors()).isEmpty();
  }

  @Test
  void leavesNoUnacknowledgedWarning() {
    assertThat(stack.warnings()).isEmpty();
  }

  /** The group's name: the stack name plus "-web", written out, with no reference to the group. */
  private static final String GROUP_NAME = SeedApp.STACK_ID + "-web";

  @Test
  void keepsTheWarmPoolStoppedAtTheSizeTheDocsState() {
    // Regression: without MaxGroupPreparedCapacity the pool held MaxSize - desired = 4, the docs said 2.
    template.hasResourceProperties("AWS::AutoScaling::WarmPool", Map.of(
        "PoolState", "Stopped", "MinSize", SeedStack.POOL_SIZE,
        "MaxGroupPreparedCapacity", SeedStack.MIN_SIZE + SeedStack.POOL_SIZE));
    int desired = SeedStack.MIN_SIZE;
    int poolSize = Math.max(SeedStack.POOL_SIZE, SeedStack.MIN_SIZE + SeedStack.POOL_SIZE - desired);
    assertThat(poolSize).isEqualTo(2);
  }

  @Test
  void declaresTheHookWithTheGroupSoEveryInstanceIsGated() {
    // Regression: the hook was a resource of its own, created after the group had launched its first instances.
    template.resourceCountIs("AWS::AutoScaling::LifecycleHook", 0);
    template.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Map.of(
        "AutoScalingGroupName", GROUP_NAME,
        "LifecycleHookSpecificationList", List.of(Map.of(
            "LifecycleHookName", "warmgate-launch",
            "LifecycleTransition", "autoscaling:EC2_INSTANCE_LAUNCHING",
            "DefaultResult", "ABANDON",
            "HeartbeatTimeout", 300,
            // Only what differs from the gate's defaults: the page, its one code and the longer settle.
            "NotificationMetadata", Match.serializedJson(Map.of("warmgate", Map.of(
                "http", Map.of("path", SeedStack.READY_PATH, "codes", "200"),
                "phases", Map.of("enteringWarmPool", Map.of("settle", "PT1M")))))))));
  }

  @Test
  void createsTheGroupOnlyOnceTheGateListensAndCanProbe() {
    Map.Entry<String, Map<String, Object>> group = only("AWS::AutoScaling::AutoScalingGroup");
    List<String> mustExist = new java.util.ArrayList<>();
    mustExist.add(only("AWS::Lambda::Alias").getKey());
    mustExist.addAll(template.findResources("AWS::Events::Rule").keySet());
    mustExist.addAll(template.findResources("AWS::EC2::SecurityGroupIngress",
        Map.of("Properties", Map.of("SourceSecurityGroupId", Map.of("Fn::GetAtt",
            List.of(Match.stringLikeRegexp("WarmGateSecurityGroup.*"), "GroupId"))))).keySet());

    assertThat(group.getValue().get("DependsOn"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class)).containsAll(mustExist);
  }

  @Test
  void givesGatedInstancesAGracePeriodForTheLoadBalancersFirstChecksOnly() {
    // Auto Scaling starts the grace period at InService, which the gate allows only once the page serves.
    template.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Map.of("HealthCheckGracePeriod", 90));
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
        "HealthCheckIntervalSeconds", 15, "HealthyThresholdCount", 2));
  }

  @Test
  void matchesOnlyLaunchEventsOfThisGroupAndHook() {
    template.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Map.of(
        "source", List.of("aws.autoscaling"),
        "detail-type", List.of(WarmGate.LAUNCH_DETAIL_TYPE),
        "detail", Map.of(
            "AutoScalingGroupName", List.of(GROUP_NAME),
            "LifecycleHookName", List.of("warmgate-launch")))));
    template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
        Match.objectLike(Map.of("WARMGATE_GROUPS", GROUP_NAME, "WARMGATE_MANAGED_TAG", "none")))));
  }

  @Test
  void notifiesTheTopicGivenAsContext() {
    // A plain app (temporary output), so the template the lint script and the end-to-end suite read stays the default one.
    App app = App.Builder.create().context(Map.of("alarmTopicArn", "arn:aws:sns:us-east-1:123456789012:alerts")).build();
    Template withTopic = Template.fromStack(new SeedStack(app, "WithTopic", StackProps.builder().build()));

    withTopic.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
        "AlarmActions", List.of("arn:aws:sns:us-east-1:123456789012:alerts"),
        "OKActions", List.of("arn:aws:sns:us-east-1:123456789012:alerts")));
    withTopic.resourceCountIs("AWS::SNS::Topic", 0);
    // Without one, the gate's own encrypted topic: a failure is never silent.
    template.resourceCountIs("AWS::SNS::Topic", 1);
    template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(Map.of("Ref",
        template.findResources("AWS::SNS::Topic").keySet().iterator().next()))), 4);
  }

  @Test
  void checksTheGroupThroughTheLoadBalancer() {
    template.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Map.of(
        "HealthCheckType", "ELB", "MinSize", "2", "MaxSize", "6"));
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
        "HealthCheckPath", "/", "Port", 80, "Protocol", "HTTP", "TargetType", "instance"));
  }

  @Test
  void launchesTheLatestWindowsServerWithIisFromUserData() {
    Map<String, Map<String, Object>> parameters = template.findParameters("*",
        Map.of("Default", Match.stringLikeRegexp("/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base")));
    assertThat(parameters).hasSize(1);
    template.hasResourceProperties("AWS::EC2::LaunchTemplate", Map.of("LaunchTemplateData", Match.objectLike(Map.of(
        "ImageId", Map.of("Ref", parameters.keySet().iterator().next()),
        "MetadataOptions", Map.of("HttpTokens", "required"),
        "UserData", Map.of("Fn::Base64", Match.stringLikeRegexp("<powershell>[\\s\\S]*Install-WindowsFeature -Name Web-Server[\\s\\S]*warmgate-ready\\.html[\\s\\S]*</powershell>"))))));
  }

  @Test
  void runsTheGateInTheAppSubnetsOnJava21Arm64WithSnapStart() {
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Runtime", "java21",
        "Handler", WarmGate.HANDLER,
        "Architectures", List.of("arm64"),
        "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
        "VpcConfig", Map.of("SubnetIds", List.of(
            Map.of("Ref", Match.stringLikeRegexp("VpcappSubnet1.*")), Map.of("Ref", Match.stringLikeRegexp("VpcappSubnet2.*"))),
            "SecurityGroupIds", Match.anyValue())));
  }

  @Test
  void letsOnlyTheGateAndTheLoadBalancerReachTheWebServers() {
    Map<String, Map<String, Object>> ingress = template.findResources("AWS::EC2::SecurityGroupIngress");
    assertThat(ingress).hasSize(2);
    template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
        "FromPort", 80, "ToPort", 80, "IpProtocol", "tcp",
        "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WarmGateSecurityGroup.*"), "GroupId"))));
    template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
        "FromPort", 80, "ToPort", 80,
        "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AlbSecurityGroup.*"), "GroupId"))));
  }

  @Test
  void pinsTheVpcToTwoZonesWithoutALookup() {
    template.resourceCountIs("AWS::EC2::Subnet", 4);
    template.hasResourceProperties("AWS::EC2::Subnet", Map.of(
        "AvailabilityZone", Map.of("Fn::Select", List.of(1, Map.of("Fn::GetAZs", "")))));
  }
}
