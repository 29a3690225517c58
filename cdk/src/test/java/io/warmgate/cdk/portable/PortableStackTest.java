package io.warmgate.cdk.portable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.cdk.ReadinessPolicy;
import io.warmgate.cdk.SynthesizedStack;
import io.warmgate.cdk.WarmGate;
import io.warmgate.core.policy.Ec2ConsoleProbeSpec;
import io.warmgate.core.policy.Ec2StatusProbeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The portable template: parameters that a user can set without the CDK, and nothing that needs the CDK. */
class PortableStackTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static SynthesizedStack stack;
  static JsonNode template;
  static String text;

  @BeforeAll
  static void synthesize() throws Exception {
    stack = SynthesizedStack.synth(PortableApp::build, PortableApp.STACK_ID);
    template = JSON.valueToTree(stack.template().toJSON());
    text = JSON.writeValueAsString(template);
  }

  @Test
  void needsNoBootstrapAndCarriesNoCdkMetadata() {
    assertThat(template.path("Rules").has("CheckBootstrapVersion")).isFalse();
    assertThat(template.path("Parameters").has("BootstrapVersion")).isFalse();
    assertThat(text).doesNotContain("cdk-hnb659fds", "CDKMetadata", "aws:cdk:", "aws:asset:", "cdk_nag");
    template.path("Resources").forEach(r -> assertThat(r.path("Metadata").fieldNames()).toIterable()
        .allMatch("WaitsFor"::equals));
  }

  @Test
  void theCodeComesFromTheBucketAndKeyParameters() {
    JsonNode code = template.path("Resources").findParents("Handler").get(0).path("Code");
    assertThat(code.path("S3Bucket").path("Ref").asText()).isEqualTo(PortableStack.CODE_BUCKET);
    assertThat(code.path("S3Key").path("Ref").asText()).isEqualTo(PortableStack.CODE_KEY);
  }

  @Test
  void everyParameterIsDescribedConstrainedAndUsed() {
    List<String> names = new ArrayList<>();
    template.path("Parameters").fields().forEachRemaining(p -> {
      names.add(p.getKey());
      JsonNode spec = p.getValue();
      assertThat(spec.path("Description").asText()).as(p.getKey()).isNotBlank();
      assertThat(spec.has("AllowedPattern") || spec.has("AllowedValues") || spec.has("MaxValue") || spec.has("MaxLength"))
          .as("%s is constrained", p.getKey()).isTrue();
      String resources = template.path("Resources").toString() + template.path("Conditions") + template.path("Rules");
      assertThat(resources).as("%s is used", p.getKey()).contains("{\"Ref\":\"" + p.getKey() + "\"}");
    });
    assertThat(names).containsExactlyInAnyOrder(PortableStack.CODE_BUCKET, PortableStack.CODE_KEY, PortableStack.GROUP_NAME,
        PortableStack.CREATE_HOOK_PARAMETER, PortableStack.HOOK_NAME, PortableStack.HEARTBEAT_TIMEOUT,
        PortableStack.DEFAULT_RESULT, PortableStack.HEALTH_PORT, PortableStack.HEALTH_PATH, PortableStack.VPC_ID,
        PortableStack.SUBNET_IDS, PortableStack.INSTANCE_SECURITY_GROUP, PortableStack.ALARM_EMAIL, PortableStack.READINESS,
        PortableStack.DEADLINE);
  }

  @Test
  void theDefaultsAreTheConstructsOwn() {
    ReadinessPolicy policy = ReadinessPolicy.builder().build();
    JsonNode parameters = template.path("Parameters");
    assertThat(parameters.path(PortableStack.HEALTH_PORT).path("Default").asInt()).isEqualTo(policy.port());
    assertThat(parameters.path(PortableStack.HEALTH_PATH).path("Default").asText()).isEqualTo(policy.path());
    assertThat(parameters.path(PortableStack.HOOK_NAME).path("Default").asText()).isEqualTo("warmgate-launch");
    assertThat(parameters.path(PortableStack.HEARTBEAT_TIMEOUT).path("MinValue").asInt()).isEqualTo(120);
    assertThat(parameters.path(PortableStack.DEADLINE).path("Default").asLong()).isEqualTo(policy.deadline().toMinutes());
    assertThat(parameters.path(PortableStack.READINESS).path("Default").asText()).isEqualTo("http");
  }

  @Test
  void everyAllowedDeadlineMapsToTheConstructsOwnMetadataAndAlarmThresholdWithinTheHooksGlobalTimeout() {
    JsonNode parameters = template.path("Parameters");
    long globalTimeoutAtShortestHeartbeat = Math.min(172_800, 100 * parameters.path(PortableStack.HEARTBEAT_TIMEOUT).path("MinValue").asLong());
    List<String> allowed = new ArrayList<>();
    parameters.path(PortableStack.DEADLINE).path("AllowedValues").forEach(v -> allowed.add(v.asText()));
    assertThat(allowed).contains("30", "45", "180");
    for (String minutes : allowed) {
      Duration deadline = Duration.ofMinutes(Long.parseLong(minutes));
      JsonNode row = template.path("Mappings").path(PortableStack.DEADLINES).path(minutes);
      assertThat(deadline.toSeconds()).as(minutes).isLessThanOrEqualTo(globalTimeoutAtShortestHeartbeat);
      assertThat(row.path(PortableStack.ALARM_THRESHOLD).asLong()).as(minutes).isEqualTo(deadline.toSeconds() * 4 / 5);
      assertThat(row.path("console").asText()).as(minutes)
          .isEqualTo(ReadinessPolicy.builder().probes(new Ec2ConsoleProbeSpec()).deadline(deadline).build().toNotificationMetadata());
      assertThat(row.path("status").asText()).as(minutes)
          .isEqualTo(ReadinessPolicy.builder().probes(new Ec2StatusProbeSpec()).deadline(deadline).build().toNotificationMetadata());
      assertThat(row.path("http").asText()).as(minutes).endsWith("}}");
    }
    assertThat(template.path("Mappings").path(PortableStack.DEADLINES).get("45").path("console").asText())
        .isEqualTo("{\"warmgate\":{\"deadline\":\"PT45M\",\"probes\":\"ec2console\",\"phases\":{\"leavingWarmPool\":{\"deadline\":\"PT15M\"}}}}");
  }

  @Test
  void theHookTakesTheChosenReadinesssMetadataAndTheAlarmTheDeadlinesThreshold() {
    JsonNode hook = template.path("Resources").findParents("LifecycleTransition").get(0);
    JsonNode choice = hook.path("NotificationMetadata").path("Fn::If");
    assertThat(choice.path(0).asText()).isEqualTo(PortableStack.CONSOLE_READINESS);
    assertThat(choice.path(1).path("Fn::FindInMap").toString())
        .isEqualTo("[\"Deadlines\",{\"Ref\":\"Deadline\"},\"console\"]");
    assertThat(choice.path(2).path("Fn::If").path(0).asText()).isEqualTo(PortableStack.STATUS_READINESS);
    assertThat(choice.path(2).path("Fn::If").path(2).toString()).contains("{\"Ref\":\"HealthPort\"}", "{\"Ref\":\"HealthPath\"}", "\"http\"]");
    JsonNode alarm = template.path("Resources").findParents("Threshold").stream()
        .filter(a -> a.path("MetricName").asText().equals("TimeToReadySeconds")).findFirst().orElseThrow();
    assertThat(alarm.path("Threshold").path("Fn::FindInMap").path(2).asText()).isEqualTo(PortableStack.ALARM_THRESHOLD);
  }

  @Test
  void consoleOutputIsGrantedOnlyWithConsoleReadinessAndNetworkInterfacesOnlyInTheVpc() {
    JsonNode statements = template.path("Resources").findParents("AssumeRolePolicyDocument").stream()
        .filter(r -> r.has("Policies")).findFirst().orElseThrow().path("Policies").get(0).path("PolicyDocument").path("Statement");
    List<String> unconditioned = new ArrayList<>();
    statements.forEach(s -> {
      if (s.has("Fn::If")) {
        String sid = s.path("Fn::If").path(1).path("Sid").asText();
        assertThat(s.path("Fn::If").path(0).asText()).as(sid)
            .isEqualTo(sid.equals(WarmGate.CONSOLE_OUTPUT_SID) ? PortableStack.CONSOLE_READINESS : PortableStack.IN_VPC);
        assertThat(s.path("Fn::If").path(2).path("Ref").asText()).isEqualTo("AWS::NoValue");
      } else {
        unconditioned.add(s.toString());
      }
    });
    assertThat(statements.toString()).contains(WarmGate.CONSOLE_OUTPUT_SID, WarmGate.VPC_SID);
    assertThat(String.join("", unconditioned)).doesNotContain("ec2:GetConsoleOutput", "ec2:CreateNetworkInterface");
  }

  @Test
  void httpReadinessWithoutSubnetsAndAnInstanceSecurityGroupWithoutHttpAreRefusedByRules() {
    JsonNode http = template.path("Rules").path("HttpReadinessNeedsSubnets");
    assertThat(http.path("RuleCondition").toString()).contains("{\"Ref\":\"Readiness\"}", "\"http\"");
    assertThat(http.path("Assertions").get(0).path("Assert").toString()).contains("{\"Ref\":\"SubnetIds\"}");
    assertThat(template.path("Rules").has("SecurityGroupNeedsHttpReadiness")).isTrue();
    // The probe rules to the instances exist only with the HTTP readiness.
    assertThat(template.path("Conditions").path("ProbeAnyAddress").toString()).contains(PortableStack.HTTP_READINESS);
    assertThat(template.path("Conditions").path("HasInstanceSecurityGroup").toString()).contains(PortableStack.HTTP_READINESS);
  }

  @Test
  void aHealthPathThatWouldBreakTheMetadataJsonIsRefused() {
    Pattern path = Pattern.compile(template.path("Parameters").path(PortableStack.HEALTH_PATH).path("AllowedPattern").asText());
    assertThat(path.matcher("/health?ready=1").matches()).isTrue();
    assertThat(path.matcher("/a\"b").matches()).isFalse();
    assertThat(path.matcher("/a\\b").matches()).isFalse();
    assertThat(path.matcher("/a b").matches()).isFalse();
    assertThat(path.matcher("health").matches()).isFalse();
  }

  @Test
  void theVariantsAreConditionsOnTheConstructsResources() {
    assertThat(template.path("Conditions").has(PortableStack.IN_VPC)).isTrue();
    assertThat(template.path("Conditions").has(PortableStack.CREATE_HOOK)).isTrue();
    JsonNode function = template.path("Resources").findParents("Handler").get(0);
    assertThat(function.path("VpcConfig").path("Fn::If").path(0).asText()).isEqualTo(PortableStack.IN_VPC);
    template.path("Resources").forEach(r -> {
      if (r.path("Type").asText().equals("AWS::AutoScaling::LifecycleHook")) {
        assertThat(r.path("Condition").asText()).isEqualTo(PortableStack.CREATE_HOOK);
        // DependsOn takes no condition: nothing conditional may be in it.
        r.path("DependsOn").forEach(d -> assertThat(template.path("Resources").path(d.asText()).has("Condition")).isFalse());
      }
      if (r.path("Type").asText().equals("AWS::EC2::SecurityGroup")) {
        assertThat(r.path("Condition").asText()).isEqualTo(PortableStack.IN_VPC);
      }
    });
  }

  @Test
  void outputsTheFunctionTheAliasTheAlarmTopicAndTheHook() {
    assertThat(template.path("Outputs").fieldNames()).toIterable()
        .contains("FunctionArn", "AliasArn", "AlarmTopicArn", "LifecycleHookName");
  }

  @Test
  void theDeploymentGuidesTerraformAwsCliAndSamExamplesSetOnlyTheTemplatesParametersAndEveryRequiredOne() throws Exception {
    String guide = Files.readString(Path.of("..", "docs", "deployment.md"));
    List<List<String>> examples = new ArrayList<>();
    // Terraform: the names under `parameters = { ... }` of the hcl block.
    Matcher hcl = Pattern.compile("```hcl\\n(.*?)```", Pattern.DOTALL).matcher(guide);
    assertThat(hcl.find()).as("an hcl block in docs/deployment.md").isTrue();
    Matcher block = Pattern.compile("parameters = \\{\\n(.*?)\\n\\s*}", Pattern.DOTALL).matcher(hcl.group(1));
    assertThat(block.find()).isTrue();
    List<String> terraform = new ArrayList<>();
    Matcher name = Pattern.compile("(?m)^\\s*(\\w+)\\s*=").matcher(block.group(1));
    while (name.find()) {
      terraform.add(name.group(1));
    }
    examples.add(terraform);
    // The AWS CLI and SAM commands: the Name=value words after --parameter-overrides, continued lines joined.
    Matcher overrides = Pattern.compile("--parameter-overrides((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(guide);
    while (overrides.find()) {
      List<String> names = new ArrayList<>();
      Matcher pair = Pattern.compile("(\\w+)=\\S+").matcher(overrides.group(1));
      while (pair.find()) {
        names.add(pair.group(1));
      }
      examples.add(names);
    }
    assertThat(examples).as("the Terraform, AWS CLI and SAM examples").hasSizeGreaterThanOrEqualTo(3);
    List<String> declared = new ArrayList<>();
    List<String> required = new ArrayList<>();
    template.path("Parameters").fields().forEachRemaining(p -> {
      declared.add(p.getKey());
      if (!p.getValue().has("Default")) {
        required.add(p.getKey());
      }
    });
    for (List<String> example : examples) {
      assertThat(declared).as("the template's parameters").containsAll(example);
      assertThat(example).as("an example's parameters").containsAll(required);
    }
  }

  @Test
  void passesCdkNag() {
    assertThat(stack.errors()).isEmpty();
  }
}
