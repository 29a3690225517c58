package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
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

  @Test
  void withoutSubnetsTheFunctionRunsOutsideAnyVpcWithNoSecurityGroup() {
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), with());
    assertThat(ofType(deployed, "AWS::Lambda::Function").path("Properties").has("VpcConfig")).isFalse();
    assertThat(ofType(deployed, "AWS::EC2::SecurityGroup")).isNull();
    assertThat(ofType(deployed, "AWS::EC2::SecurityGroupEgress")).isNull();
    assertThat(ofType(deployed, "AWS::AutoScaling::LifecycleHook").path("Metadata").path("WaitsFor")).isEmpty();
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
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), with("CreateHook", "false"));
    assertThat(ofType(deployed, "AWS::AutoScaling::LifecycleHook")).isNull();
    // The rule still matches the existing hook by name.
    assertThat(ofType(deployed, "AWS::Events::Rule").toString()).contains("warmgate-launch");
  }

  @Test
  void theHooksMetadataCarriesThePortAndPathAsTheGateReadsThem() throws Exception {
    JsonNode deployed = TemplateParameters.resolve(Templates.portable(), with("HealthPort", "8080", "HealthPath", "/ready"));
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
    assertThatThrownBy(() -> TemplateParameters.resolve(Templates.portable(), Map.of("CodeS3Bucket", "b-b-b")))
        .hasMessageContaining("GroupName");
  }
}
