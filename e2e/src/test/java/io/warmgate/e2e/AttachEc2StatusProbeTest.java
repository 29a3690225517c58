package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.cdk.attach.AttachApp;
import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.Outcome;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The attach stack on an existing Windows group whose hook metadata adds the {@code ec2status}
 * probe to the HTTP one: the role must let the gate read EC2 status checks, and the pool still fills
 * with gated, healthy instances.
 */
@ResourceLock(value = SharedMachine.CPU, mode = ResourceAccessMode.READ)
class AttachEc2StatusProbeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static GateAsDeployed run;
  private static DeployedGate.Group group;

  @BeforeAll
  static void fillThePool() throws IOException {
    DeployedGate synthesized = DeployedGate.read(AttachApp.STACK_ID, Templates.attach());
    ObjectNode metadata = (ObjectNode) JSON.readTree(synthesized.hook().notificationMetadata());
    ((ObjectNode) metadata.path("warmgate")).put("probes", "http,ec2status");
    DeployedGate.Hook hook = synthesized.hook();
    DeployedGate gate = new DeployedGate(synthesized.stackName(), synthesized.handler(), synthesized.timeout(),
        synthesized.memoryMb(), synthesized.environment(), synthesized.rolePolicy(), synthesized.managedPolicyArns(),
        new DeployedGate.Hook(hook.name(), hook.transition(), hook.heartbeatTimeout(), hook.defaultResult(),
            metadata.toString()),
        synthesized.hookWithGroup(), synthesized.eventPatterns(), synthesized.sweepRate(), synthesized.group());
    // The existing group, empty when the gate is attached, as the attach app expects.
    group = new DeployedGate.Group(Templates.ATTACH_GROUP, 0, 3, 0, 2, null, "Stopped");
    long started = System.nanoTime();
    run = new GateAsDeployed(gate, 0.0, Map.of(), 21L);
    run.deployGroup(group, SeedIncident.healthPort(gate));
    if (SeedIncident.awaitSettled(run, group, 0)) {
      run.admin.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(group.name()).desiredCapacity(1));
      SeedIncident.awaitSettled(run, group, 1);
    }
    Outcomes.report("attach, ec2status probe", run, (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void theMachineKeptUpWithTheEmulatorsClock() {
    Outcomes.clockKeptUp(run);
  }

  @Test
  void theRolesPolicyAllowsTheStatusChecksTheProbeReads() {
    Outcomes.nothingWasDenied(run);
    assertThat(run.emulator.apiCallCounts()).containsKey("DescribeInstanceStatus");
  }

  @Test
  void everyInstanceIsGatedAndNoneIsCorruptedOrAbandoned() {
    Outcomes.everyInstanceGatedAndHealthy(run, group.name());
    assertThat(run.finished).filteredOn(f -> f.phase() == Phase.ENTERING_WARM_POOL && f.outcome() == Outcome.CONTINUED)
        .hasSizeGreaterThanOrEqualTo(group.poolMin());
    // The warm start itself: gated as leaving the pool and completed, by its event's run or the sweep's.
    assertThat(run.finished).filteredOn(f -> f.phase() != Phase.ENTERING_WARM_POOL && f.outcome() == Outcome.CONTINUED)
        .singleElement().extracting(f -> f.phase()).isEqualTo(Phase.LEAVING_WARM_POOL);
  }
}
