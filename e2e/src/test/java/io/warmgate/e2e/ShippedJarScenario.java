package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.emulator.TimelineEntry;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An app as it ships, through the emulator's Lambda host at 1x: the template's asset jar runs in its own JVMs
 * through the Runtime API, under the template's handler, memory, timeout, environment and role policy, fed by
 * its rules and its sweep schedule. A pool fill, then a warm scale-out; then the outcomes a user would check.
 * Subclasses say which app and how its group comes to be.
 */
@ResourceLock(value = SharedMachine.CPU, mode = ResourceAccessMode.READ)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShippedJarScenario {

  ShippedStack run;
  String group;

  /** Synthesizes the app (into cdk.out) and replays it. */
  abstract ShippedStack replay();

  /** Instances in service before the scale-out. */
  abstract int desiredBefore();

  /** Instances in service after it: each one more comes from the warm pool. */
  abstract int desiredAfter();

  /** The warm pool's size at a desired capacity, by the group's pool rules. */
  abstract int pooled(int desired);

  @BeforeAll
  void fillThePoolThenScaleOut() {
    long started = System.nanoTime();
    run = replay();
    group = run.replay.groups().get(0);
    if (run.awaitSettled(group, desiredBefore(), pooled(desiredBefore()))) {
      run.admin.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName(group).desiredCapacity(desiredAfter()));
      run.awaitSettled(group, desiredAfter(), pooled(desiredAfter()));
    }
    run.report(getClass().getSimpleName(), group, (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void theShippedFunctionNeverFailsARun() {
    assertThat(run.failures()).as("failed invocations, FAILED outcomes and handler failures of the shipped jar")
        .isEmpty();
  }

  @Test
  void everyInstanceIsContinuedByTheShippedFunction() {
    Outcomes.everyInstanceGatedAndHealthy(run.emulator, run.unsettled, group);
  }

  @Test
  void theRolesPolicyAllowsEveryCallTheShippedFunctionMakes() {
    assertThat(run.emulator.iamDenials()).as("requests the template's role policy refused").isEmpty();
  }

  @Test
  void nothingReachesADeadLetterQueue() {
    assertThat(run.host.deadLetters()).as("events given up on").isEmpty();
  }

  @Test
  void theScaleOutStartsInstancesFromTheWarmPool() {
    long warmStarts = run.instances(group).stream().filter(i -> {
      List<TimelineEntry> t = run.emulator.timeline(i.instanceId());
      return t.stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.LIFECYCLE && e.to().equals("Warmed:Stopped"))
          && t.stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.LIFECYCLE && e.to().equals("InService"));
    }).count();
    assertThat(warmStarts).as("instances that went from the warm pool into service").isEqualTo(desiredAfter() - desiredBefore());
  }
}
