package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.warmgate.cdk.portable.PortableApp;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.Outcome;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The portable template, deployed with its parameters as a user of the AWS CLI would set them, on a group that
 * exists before the stack: the template creates the hook (CreateHook=true), and the pool fills with gated, healthy
 * instances, then a warm start is gated as it leaves the pool.
 */
@ResourceLock(value = SharedMachine.CPU, mode = ResourceAccessMode.READ)
class PortableTemplateExistingGroupTest {

  static final String GROUP = "web-portable";
  /** Every parameter a deployment must or usually sets; the others stay at their defaults. */
  static final Map<String, String> PARAMETERS = Map.of(
      "CodeS3Bucket", "warmgate-artifacts-123456789012",
      "CodeS3Key", "warmgate/0.1.0/warmgate-lambda.jar",
      "GroupName", GROUP,
      "VpcId", "vpc-0a1b2c3d4e5f60718",
      "SubnetIds", "subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788",
      "InstanceSecurityGroupId", "sg-0a1b2c3d4e5f60718");

  private static GateAsDeployed run;
  private static DeployedGate.Group group;
  private static JsonNode deployed;

  @BeforeAll
  static void fillThePoolThenScaleOut() {
    deployed = TemplateParameters.resolve(Templates.portable(), PARAMETERS);
    DeployedGate gate = DeployedGate.read(PortableApp.STACK_ID, deployed);
    // The existing group, empty when the stack is created, as the template's docs expect.
    group = new DeployedGate.Group(GROUP, 0, 3, 0, 2, null, "Stopped");
    long started = System.nanoTime();
    run = new GateAsDeployed(gate, 0.0, Map.of(), 23L);
    run.deployGroup(group, SeedIncident.healthPort(gate));
    if (SeedIncident.awaitSettled(run, group, 0)) {
      run.admin.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(GROUP).desiredCapacity(1));
      SeedIncident.awaitSettled(run, group, 1);
    }
    Outcomes.report("portable template, existing group", run, (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void theTemplateCreatesTheHookOnTheExistingGroupAndRunsTheFunctionInTheSubnets() {
    assertThat(run.gate.hookWithGroup()).isFalse();
    assertThat(run.gate.hook().name()).isEqualTo("warmgate-launch");
    assertThat(run.gate.environment()).containsEntry("WARMGATE_GROUPS", GROUP);
    JsonNode function = deployed.path("Resources").findParents("Handler").get(0);
    assertThat(function.path("Code").path("S3Bucket").asText()).isEqualTo(PARAMETERS.get("CodeS3Bucket"));
    assertThat(function.path("Code").path("S3Key").asText()).isEqualTo(PARAMETERS.get("CodeS3Key"));
    assertThat(function.path("VpcConfig").path("SubnetIds")).extracting(JsonNode::asText)
        .containsExactly("subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788");
  }

  @Test
  void theMachineKeptUpWithTheEmulatorsClock() {
    Outcomes.clockKeptUp(run);
  }

  @Test
  void theRolesPolicyAllowsEveryCallTheGateMakes() {
    Outcomes.nothingWasDenied(run);
  }

  @Test
  void everyInstanceIsGatedAndNoneIsCorruptedOrAbandoned() {
    Outcomes.everyInstanceGatedAndHealthy(run, GROUP);
    assertThat(run.finished).filteredOn(f -> f.phase() == Phase.ENTERING_WARM_POOL && f.outcome() == Outcome.CONTINUED)
        .hasSizeGreaterThanOrEqualTo(group.poolMin());
    assertThat(run.finished).filteredOn(f -> f.phase() != Phase.ENTERING_WARM_POOL && f.outcome() == Outcome.CONTINUED)
        .singleElement().extracting(f -> f.phase()).isEqualTo(Phase.LEAVING_WARM_POOL);
  }
}
