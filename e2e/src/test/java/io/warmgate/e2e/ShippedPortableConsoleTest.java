package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The portable template deployed with {@code Readiness=console} and no subnets, the shortest deployment: the
 * function outside any VPC reads EC2Launch's ready line through GetConsoleOutput, which the template's role grants
 * under that readiness only (the emulator's IAM refuses any call the role does not allow:
 * {@link #theRolesPolicyAllowsEveryCallTheShippedFunctionMakes}). A 45-minute deadline.
 */
class ShippedPortableConsoleTest extends ShippedPortableTest {

  static final Map<String, String> CONSOLE_PARAMETERS = Map.of(
      "CodeS3Bucket", "warmgate-artifacts-123456789012",
      "CodeS3Key", "warmgate/0.1.0/warmgate-lambda.jar",
      "GroupName", "web-portable-console",
      "Readiness", "console",
      "Deadline", "45");

  @Override
  Map<String, String> parameters() {
    return CONSOLE_PARAMETERS;
  }

  @Override
  String name() {
    return "portable-console";
  }

  @Override
  long seed() {
    return 43L;
  }

  @Override
  void theTemplateCreatedTheHookOnTheExistingGroupWithTheParametersPolicy() {
    // Replaced below: this deployment has no health port, path or subnets.
  }

  @Test
  void theTemplateCreatedAConsoleHookAndAFunctionOutsideAnyVpcThatReadsTheConsole() {
    var hooks = run.admin.autoScaling().describeLifecycleHooks(r -> r.autoScalingGroupName(group)).lifecycleHooks();
    assertThat(hooks).singleElement().satisfies(h -> assertThat(h.notificationMetadata())
        .contains("\"probes\":\"ec2console\"", "\"deadline\":\"PT45M\"").doesNotContain("http"));
    JsonNode function = deployed.path("Resources").findParents("Handler").get(0);
    assertThat(function.has("VpcConfig")).isFalse();
    assertThat(run.emulator.apiCallCounts().getOrDefault("GetConsoleOutput", 0L)).as("GetConsoleOutput calls").isPositive();
  }
}
