package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.cdk.seed.SeedApp;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed stack's console-readiness variant as it ships: the function, outside any VPC, reads EC2Launch's
 * lines with GetConsoleOutput and continues each Windows instance only after the ready line of its current
 * boot; none is stopped in sysprep. Prints the detection latency (ready line written, which with Latest is
 * when it can be read, to CompleteLifecycleAction) and the GetConsoleOutput calls per instance.
 */
class ShippedSeedConsoleTest extends ShippedSeedStackTest {

  @Override
  ShippedStack replay() {
    Templates.seedConsole();
    return ShippedStack.replay(SeedApp.CONSOLE_NAME, SeedApp.STACK_ID, 37L);
  }

  /** Each CONTINUE with the ready line of its boot before it, and the latency between the two. */
  private record Continue(String instanceId, Instant bootStart, Instant readyLine, Instant continued) {}

  private List<Continue> continues() {
    List<Continue> out = new ArrayList<>();
    for (InstanceSnapshot i : run.instances(group)) {
      Instant bootStart = null;
      Instant ready = null;
      for (TimelineEntry e : run.emulator.timeline(i.instanceId())) {
        if (e.kind() == TimelineEntry.Kind.EC2 && e.to().equals("pending")) {
          bootStart = e.at();
          ready = null;
        } else if (e.kind() == TimelineEntry.Kind.HEALTH && e.to().equals("console-ready")) {
          ready = e.at();
        } else if (e.kind() == TimelineEntry.Kind.ACTION && e.to().startsWith("CONTINUE")) {
          out.add(new Continue(i.instanceId(), bootStart, ready, e.at()));
        }
      }
    }
    return out;
  }

  @Test
  void everyInstanceIsContinuedOnlyAfterTheReadyLineOfItsCurrentBoot() {
    List<Continue> continues = continues();
    assertThat(continues).as("CONTINUEs of %s", group).isNotEmpty();
    assertThat(continues).allSatisfy(c -> {
      assertThat(c.readyLine()).as("%s continued at %s with no ready line since its boot began at %s",
          c.instanceId(), c.continued(), c.bootStart()).isNotNull();
      assertThat(c.readyLine()).isAfterOrEqualTo(c.bootStart()).isBeforeOrEqualTo(c.continued());
    });
    assertThat(run.instances(group)).as("instances stopped in sysprep").noneMatch(InstanceSnapshot::corrupted);
  }

  @Test
  void theFunctionReadsTheConsoleAndNeverProbesTheInstances() {
    long calls = run.emulator.apiCallCounts().getOrDefault("GetConsoleOutput", 0L);
    int gated = run.instances(group).size();
    List<Duration> latencies = continues().stream().filter(c -> c.readyLine() != null)
        .map(c -> Duration.between(c.readyLine(), c.continued())).sorted().toList();
    assertThat(latencies).isNotEmpty();
    System.out.printf("[e2e] ShippedSeedConsoleTest: %d instances, %d CONTINUEs, %d GetConsoleOutput calls (%.1f per instance),"
            + " ready line to CompleteLifecycleAction: min %d ms, median %d ms, max %d ms (entering the pool includes its 60 s settle)%n",
        gated, latencies.size(), calls, gated == 0 ? 0.0 : (double) calls / gated,
        latencies.get(0).toMillis(), latencies.get(latencies.size() / 2).toMillis(), latencies.get(latencies.size() - 1).toMillis());
    assertThat(calls).as("GetConsoleOutput calls").isPositive();
  }
}
