package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.cdk.seed.SeedApp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading the seed stack's template gives the gate's settings, intrinsics resolved. */
class DeployedGateTest {

  @Test
  void theSeedTemplateNamesTheHandlerItsBudgetItsHookItsRulesAndItsRolesPolicy() throws Exception {
    DeployedGate gate = DeployedGate.read(SeedApp.STACK_ID, Templates.seed());
    String group = gate.group().orElseThrow().name();

    assertThat(gate.handler()).isEqualTo("io.warmgate.lambda.GateHandler::handleRequest");
    assertThat(gate.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(gate.memoryMb()).isPositive();
    assertThat(gate.environment()).containsEntry("WARMGATE_GROUPS", group);
    assertThat(gate.sweepRate()).isEqualTo(Duration.ofMinutes(1));
    assertThat(gate.hook().transition()).isEqualTo("autoscaling:EC2_INSTANCE_LAUNCHING");
    assertThat(gate.hook().notificationMetadata()).contains("\"warmgate\"");
    assertThat(gate.rolePolicyJson()).contains("autoScalingGroupName/" + group, "\"aws:RequestedRegion\" : \"us-east-1\"")
        .doesNotContain("Fn::", "\"Ref\"");
    String event = """
        {"source":"aws.autoscaling","detail-type":"EC2 Instance-launch Lifecycle Action",
         "detail":{"AutoScalingGroupName":"%s","LifecycleHookName":"%s"}}""".formatted(group, gate.hook().name());
    assertThat(gate.routes(new ObjectMapper().readTree(event))).isTrue();
    assertThat(gate.routes(new ObjectMapper().readTree(event.replace(group, "someone-else")))).isFalse();
  }
}
