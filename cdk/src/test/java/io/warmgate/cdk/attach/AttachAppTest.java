package io.warmgate.cdk.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.cdk.SynthesizedStack;
import io.warmgate.cdk.WarmGate;
import io.warmgate.cdk.WarmGateApps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Synthesizes the {@code attach} app once (into {@code cdk.out/attach}) and checks its template. */
class AttachAppTest {

  static final Map<String, Object> CONTEXT = Map.of(
      "groupName", "web",
      "vpcId", "vpc-0123456789abcdef0",
      "subnetIds", "subnet-0123456789abcdef0,subnet-0fedcba9876543210",
      "securityGroupId", "sg-0123456789abcdef0",
      "healthPort", 8080,
      "healthPath", "/ready",
      "alarmEmail", "ops@example.com");

  static SynthesizedStack stack;
  static Template template;

  @BeforeAll
  static void synthesize() {
    stack = SynthesizedStack.synth(() -> AttachApp.build(CONTEXT), AttachApp.STACK_ID);
    template = stack.template();
    stack.report(AttachApp.NAME);
  }

  @Test
  void alarmsNotifyTheTopicItCreatesAndTheEmailIsSubscribed() {
    String topic = template.findResources("AWS::SNS::Topic").keySet().iterator().next();

    template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("AlarmActions", List.of(Map.of("Ref", topic))), 4);
    template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
        "Protocol", "email", "Endpoint", "ops@example.com", "TopicArn", Map.of("Ref", topic)));
    template.hasOutput("*", Map.of("Value", Map.of("Ref", topic)));
  }

  /**
   * The app as {@code cdk synth} runs it, in a JVM of its own with no context: one line naming the
   * missing key and how to pass it, exit status 2, no stack trace and no template.
   */
  @Test
  void aMissingContextValueEndsTheAppWithOneLineNamingIt(@TempDir Path out) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AttachApp.class.getName());
    builder.environment().remove("CDK_CONTEXT_JSON");
    builder.environment().put("CDK_OUTDIR", out.toString());
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    builder.environment().put("AWS_EMF_ENVIRONMENT", "Local");
    builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
    builder.environment().put("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process app = builder.start();
    String stderr;
    try (var err = app.getErrorStream()) {
      stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
    }
    boolean ended = app.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      app.destroyForcibly();
    }

    assertThat(ended).isTrue();
    assertThat(app.exitValue()).isEqualTo(2);
    assertThat(stderr.lines().filter(line -> line.startsWith("attach: ")).toList())
        .containsExactly("attach: missing context 'groupName': pass -c groupName=... to cdk synth/deploy");
    assertThat(stderr).doesNotContain("\tat ");
    assertThat(out).isEmptyDirectory();
  }

  @Test
  void writesTheTemplateWhereTheLintScriptLooks() {
    assertThat(WarmGateApps.outdir(AttachApp.NAME).resolve(AttachApp.STACK_ID + ".template.json")).isRegularFile();
  }

  @Test
  void passesCdkNagAwsSolutionsWithNoUnsuppressedError() {
    assertThat(stack.errors()).isEmpty();
  }

  @Test
  void leavesNoUnacknowledgedWarning() {
    assertThat(stack.warnings()).isEmpty();
  }

  @Test
  void hooksTheNamedGroupWithThePolicyFromContext() {
    template.hasResourceProperties("AWS::AutoScaling::LifecycleHook", Map.of(
        "AutoScalingGroupName", "web",
        "LifecycleTransition", "autoscaling:EC2_INSTANCE_LAUNCHING",
        "LifecycleHookName", "warmgate-launch",
        "DefaultResult", "ABANDON",
        "HeartbeatTimeout", 300,
        "NotificationMetadata", Match.serializedJson(Match.objectLike(Map.of("warmgate", Match.objectLike(Map.of(
            "http", Map.of("port", 8080, "path", "/ready"))))))));
  }

  @Test
  void runsTheGateInTheGivenSubnetsWithItsOwnSecurityGroup() {
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Runtime", "java21",
        "Handler", WarmGate.HANDLER,
        "Architectures", List.of("arm64"),
        "VpcConfig", Map.of(
            "SubnetIds", List.of("subnet-0123456789abcdef0", "subnet-0fedcba9876543210"),
            "SecurityGroupIds", List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WarmGateSecurityGroup.*"), "GroupId")))),
        "Environment", Map.of("Variables", Match.objectLike(Map.of("WARMGATE_GROUPS", "web")))));
  }

  @Test
  void opensTheInstancesGroupToTheGateOnTheHealthPortOnly() {
    template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 1);
    template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
        "GroupId", "sg-0123456789abcdef0",
        "IpProtocol", "tcp",
        "FromPort", 8080,
        "ToPort", 8080,
        "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WarmGateSecurityGroup.*"), "GroupId"))));
    template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
        "DestinationSecurityGroupId", "sg-0123456789abcdef0", "FromPort", 8080, "ToPort", 8080));
  }

  @Test
  void createsTheHookOnlyOnceTheProbePathIsOpen() {
    String ingress = template.findResources("AWS::EC2::SecurityGroupIngress").keySet().iterator().next();
    String egress = template.findResources("AWS::EC2::SecurityGroupEgress").keySet().iterator().next();

    template.hasResource("AWS::AutoScaling::LifecycleHook", Map.of("DependsOn", Match.arrayWith(List.of(ingress, egress))));
  }

  @Test
  void scopesCompleteAndHeartbeatToTheNamedGroup() {
    template.hasResourceProperties("AWS::IAM::Role", Map.of("Policies", List.of(Map.of(
        "PolicyName", "gate",
        "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", Match.arrayWith(List.of(Map.of(
            "Sid", "CompleteAndHeartbeatOwnGroup",
            "Effect", "Allow",
            "Action", List.of("autoscaling:RecordLifecycleActionHeartbeat", "autoscaling:CompleteLifecycleAction"),
            "Resource", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                ":autoScalingGroup:*:autoScalingGroupName/web"))))))))))));
  }
}
