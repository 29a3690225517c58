package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.core.policy.PolicyResolver;
import io.warmgate.core.policy.ProbeSpec;
import io.warmgate.core.policy.ReadinessPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The portable template's parameters, deployed as CloudFormation deploys them: each variant, each refusal. */
class TemplateParametersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, String> with(String... pairs) {
    Map<String, String> values = new HashMap<>(Map.of("CodeS3Bucket", "warmgate-artifacts", "GroupName", "web"));
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return values;
  }

  private static JsonNode ofType(JsonNode template, String type) {
    for (JsonNode r : template.path("Resources")) {
      if (r.path("Type").asText().equals(type)) {
        return r;
      }
    }
    return null;
  }

  /** What the gate reads from the hook's metadata: the cold start's deadline and probe kinds. */
  private static ReadinessPolicy gateReads(JsonNode deployed) {
    String metadata = ofType(deployed, "AWS::AutoScaling::LifecycleHook").path("Properties").path("NotificationMetadata").asText();
    return PolicyResolver.resolve(List.of(new JacksonMetadataParser().parse("hook", metadata))).coldStart();
  }

  private static List<String> kinds(ReadinessPolicy policy) {
    return policy.probes().stream().map(ProbeSpec::kind).toList();
  }

  private static String role(JsonNode deployed) {
    return ofType(deployed, "AWS::IAM::Role").path("Properties").path("Policies").toString();
  }

  @Test
  void withConsoleReadinessAndNoSubnetsTheFunctionRunsOutsideAnyVpcWithTheConsoleGrant() {
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), with("Readiness", "console"));
    assertThat(ofType(deployed, "AWS::Lambda::Function").path("Properties").has("VpcConfig")).isFalse();
    assertThat(ofType(deployed, "AWS::EC2::SecurityGroup")).isNull();
    assertThat(ofType(deployed, "AWS::EC2::SecurityGroupEgress")).isNull();
    assertThat(ofType(deployed, "AWS::AutoScaling::LifecycleHook").path("Metadata").path("WaitsFor")).isEmpty();
    assertThat(role(deployed)).contains("\"ec2:GetConsoleOutput\"").doesNotContain("ec2:CreateNetworkInterface");
    assertThat(kinds(gateReads(deployed))).containsExactly("ec2console");
    assertThat(gateReads(deployed).deadline()).contains(Duration.ofMinutes(30));
  }

  @Test
  void withHttpReadinessTheFunctionRunsInTheVpcWithoutTheConsoleGrant() {
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), with("VpcId", "vpc-0a1b2c3d",
        "SubnetIds", "subnet-0a1b2c3d", "InstanceSecurityGroupId", "sg-0a1b2c3d"));
    assertThat(ofType(deployed, "AWS::Lambda::Function").path("Properties").path("VpcConfig").path("SubnetIds").toString())
        .isEqualTo("[\"subnet-0a1b2c3d\"]");
    assertThat(ofType(deployed, "AWS::EC2::SecurityGroupIngress")).isNotNull();
    assertThat(role(deployed)).contains("ec2:CreateNetworkInterface").doesNotContain("ec2:GetConsoleOutput");
    assertThat(kinds(gateReads(deployed))).containsExactly("http");
  }

  @Test
  void withStatusReadinessTheFunctionRunsOutsideAnyVpcWithoutTheConsoleGrant() {
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), with("Readiness", "status"));
    assertThat(ofType(deployed, "AWS::Lambda::Function").path("Properties").has("VpcConfig")).isFalse();
    assertThat(role(deployed)).doesNotContain("ec2:GetConsoleOutput", "ec2:CreateNetworkInterface");
    assertThat(kinds(gateReads(deployed))).containsExactly("ec2status");
  }

  @Test
  void consoleReadinessWithSubnetsRunsInTheVpcButOpensNoProbePort() {
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), with("Readiness", "console", "VpcId", "vpc-0a1b2c3d",
        "SubnetIds", "subnet-0a1b2c3d"));
    assertThat(ofType(deployed, "AWS::Lambda::Function").path("Properties").has("VpcConfig")).isTrue();
    assertThat(ofType(deployed, "AWS::EC2::SecurityGroupEgress")).isNull();
    assertThat(ofType(deployed, "AWS::EC2::SecurityGroupIngress")).isNull();
    assertThat(role(deployed)).contains("ec2:GetConsoleOutput", "ec2:CreateNetworkInterface");
  }

  @Test
  void theDeadlineReachesTheGateAndTheAlarmThreshold() {
    JsonNode console = TemplateParameters.resolve(Templates.portable(), with("Readiness", "console", "Deadline", "45"));
    assertThat(gateReads(console).deadline()).contains(Duration.ofMinutes(45));
    JsonNode http = TemplateParameters.resolve(Templates.portable(), with("Deadline", "120", "HealthPort", "8080",
        "VpcId", "vpc-0a1b2c3d", "SubnetIds", "subnet-0a1b2c3d"));
    assertThat(gateReads(http).deadline()).contains(Duration.ofMinutes(120));
    assertThat(kinds(gateReads(http))).containsExactly("http");
    JsonNode alarm = null;
    for (JsonNode r : http.path("Resources")) {
      if (r.path("Properties").path("MetricName").asText().equals("TimeToReadySeconds")) {
        alarm = r.path("Properties");
      }
    }
    assertThat(alarm).isNotNull();
    assertThat(alarm.path("Threshold").asText()).isEqualTo("5760");
    assertThat(alarm.path("AlarmDescription").asText()).isEqualTo("warmgate p90 time to ready of web is over 5760 s");
  }

  @Test
  void withSubnetsButNoInstanceSecurityGroupTheProbesMayGoAnywhereOnTheHealthPortOnly() {
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), with("VpcId", "vpc-0a1b2c3d",
        "SubnetIds", "subnet-0a1b2c3d", "HealthPort", "8080"));
    JsonNode egress = ofType(deployed, "AWS::EC2::SecurityGroupEgress").path("Properties");
    assertThat(egress.path("CidrIp").asText()).isEqualTo("0.0.0.0/0");
    assertThat(egress.path("FromPort").asText()).isEqualTo("8080");
    assertThat(egress.path("ToPort").asText()).isEqualTo("8080");
    assertThat(ofType(deployed, "AWS::EC2::SecurityGroupIngress")).isNull();
  }

  @Test
  void withAnExistingHookTheStackCreatesNone() {
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), with("CreateHook", "false", "Readiness", "console"));
    assertThat(ofType(deployed, "AWS::AutoScaling::LifecycleHook")).isNull();
    // The rule still matches the existing hook by name.
    assertThat(ofType(deployed, "AWS::Events::Rule").toString()).contains("warmgate-launch");
  }

  @Test
  void theHooksMetadataCarriesThePortAndPathAsTheGateReadsThem() throws Exception {
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), with("HealthPort", "8080", "HealthPath", "/ready",
        "VpcId", "vpc-0a1b2c3d", "SubnetIds", "subnet-0a1b2c3d"));
    JsonNode metadata = JSON.readTree(ofType(deployed, "AWS::AutoScaling::LifecycleHook").path("Properties")
        .path("NotificationMetadata").asText());
    assertThat(metadata.path("warmgate").path("http").path("port").asText()).isEqualTo("8080");
    assertThat(metadata.path("warmgate").path("http").path("path").asText()).isEqualTo("/ready");
  }

  @Test
  void valuesOutsideTheParametersConstraintsOrRulesAreRefused() {
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), with("HealthPort", "70000")))
        .hasMessageContaining("HealthPort");
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), with("HeartbeatTimeout", "60")))
        .hasMessageContaining("HeartbeatTimeout");
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), with("HealthPath", "/a\"}")))
        .hasMessageContaining("HealthPath");
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), with("SubnetIds", "subnet-0a1b2c3d")))
        .hasMessageContaining("SubnetsNeedTheirVpc");
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), with("InstanceSecurityGroupId", "sg-0a1b2c3d")))
        .hasMessageContaining("SecurityGroupNeedsSubnets");
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), with()))
        .hasMessageContaining("HttpReadinessNeedsSubnets");
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), with("Readiness", "console", "VpcId", "vpc-0a1b2c3d",
        "SubnetIds", "subnet-0a1b2c3d", "InstanceSecurityGroupId", "sg-0a1b2c3d")))
        .hasMessageContaining("SecurityGroupNeedsHttpReadiness");
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), with("Readiness", "console", "Deadline", "50")))
        .hasMessageContaining("Deadline");
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), with("Readiness", "tcp")))
        .hasMessageContaining("Readiness");
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), Map.of("CodeS3Bucket", "b-b-b")))
        .hasMessageContaining("GroupName");
  }
}
