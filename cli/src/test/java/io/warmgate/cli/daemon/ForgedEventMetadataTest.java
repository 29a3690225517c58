package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.emulator.EmulatorFaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 9, defect 1): a forged event can CONTINUE an unready instance. When the hook had no
 * NotificationMetadata, the gate took its policy from the event's, so a POST carrying a 1 s deadline that
 * continues at the deadline put an instance InService without one passing probe.
 */
class ForgedEventMetadataTest {

  static final String FORGED_METADATA = "{\"warmgate\":{\"deadline\":\"1s\",\"atDeadline\":\"CONTINUE\"}}";

  @Test
  void aForgedEventCannotContinueAnUnreadyInstanceThroughTheDaemon() throws Exception {
    // Nothing answers on port 9: the instance never becomes healthy. Real events are dropped and the sweep
    // covers no group, so the forged event alone starts the run.
    try (DaemonScenario s = new DaemonScenario(60, EmulatorFaults.NONE.withEventDropRate(1.0), "linux", Optional.empty());
        Daemon daemon = s.startDaemon(List::of, () -> List.of(DaemonScenario.GROUP),
            Map.of("WARMGATE_HTTP_PORT", "9", "WARMGATE_INTERVAL", "5s"))) {
      s.fillPool(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> s.poolStates().equals(List.of("Warmed:Pending:Wait")));
      String instanceId = s.poolInstanceIds().get(0);

      assertThat(s.postEvent(forgedEvent(instanceId, FORGED_METADATA), Map.of())).isEqualTo(202);

      // The run started from the forged event and decided several rounds (so this cannot pass by ignoring it).
      await().atMost(Duration.ofSeconds(30))
          .until(() -> decisionsFor(s.log(), instanceId) >= 3 || s.actionCount("CONTINUE") > 0);
      assertThat(s.actionCount("CONTINUE")).isZero();
      assertThat(s.poolStates()).containsExactly("Warmed:Pending:Wait");
      assertThat(s.log()).doesNotContain("the policy continues at the deadline");
    }
  }

  static long decisionsFor(String log, String instanceId) {
    return log.lines().filter(l -> l.contains("\"event\":\"decision\"") && l.contains(instanceId)).count();
  }

  /**
   * An EventBridge launch event for a real waiting instance with metadata of the sender's choice and no
   * token (so a completion goes by instance id and reaches the real action).
   */
  static String forgedEvent(String instanceId, String metadata) {
    return """
        {"version":"0","id":"forged-1","detail-type":"EC2 Instance-launch Lifecycle Action","source":"aws.autoscaling",
         "account":"123456789012","time":"%s","region":"us-east-1","resources":[],
         "detail":{"AutoScalingGroupName":"%s","LifecycleHookName":"%s",
          "EC2InstanceId":"%s","LifecycleTransition":"autoscaling:EC2_INSTANCE_LAUNCHING",
          "NotificationMetadata":%s,"Origin":"EC2","Destination":"WarmPool"}}
        """.formatted("2026-01-01T00:00:00Z", DaemonScenario.GROUP, DaemonScenario.HOOK, instanceId,
        com.fasterxml.jackson.databind.node.TextNode.valueOf(metadata).toString());
  }
}
