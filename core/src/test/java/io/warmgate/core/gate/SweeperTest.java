package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.HOOK;
import static io.warmgate.core.gate.GateFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.Phase;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.ManagedGroups;
import io.warmgate.core.port.WaitingInstances.WaitingInstance;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.FakeLifecycleHooks;
import io.warmgate.core.testing.ScriptedProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweeperTest {

  private final GateFixture f = new GateFixture();
  private final List<WaitingInstance> waiting = new ArrayList<>();

  private SweepReport sweep(List<String> groups, Gate gate) {
    Sweeper sweeper = new Sweeper(() -> groups, f.hooks, group -> waiting.stream().filter(w -> w.groupName().equals(group)).toList(), gate, f.direct);
    return f.scheduler.runUntilDone(sweeper.sweep(T0.plus(Duration.ofHours(2))), Duration.ofHours(3));
  }

  @Test
  void gatesEveryWaitingInstanceOfTheManagedGroupsWithThePhaseFromItsLifecycleState() {
    f.instances.put(FakeInstances.waiting("i-pool", GROUP, "Warmed:Pending:Wait", "10.0.0.1", T0));
    f.instances.put(FakeInstances.waiting("i-cold", GROUP, "Pending:Wait", "10.0.0.2", T0));
    f.instances.put(FakeInstances.waiting("i-gone", GROUP, "Terminating:Wait", "10.0.0.3", T0));
    waiting.add(new WaitingInstance(GROUP, "i-pool", "Warmed:Pending:Wait"));
    waiting.add(new WaitingInstance(GROUP, "i-cold", "Pending:Wait"));
    waiting.add(new WaitingInstance(GROUP, "i-gone", "Terminating:Wait"));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(5))).asFactory(), Map.of());

    SweepReport report = sweep(List.of(GROUP), gate);

    assertThat(report.groups()).isEqualTo(1);
    assertThat(report.waiting()).isEqualTo(2);
    assertThat(report.outcomes()).containsExactlyEntriesOf(Map.of(Outcome.CONTINUED, 2));
    assertThat(report.finished()).extracting(e -> e.action().instanceId() + ":" + e.phase())
        .containsExactlyInAnyOrder("i-pool:" + Phase.ENTERING_WARM_POOL, "i-cold:" + Phase.COLD_START);
    // The 10 min hooks, counted from LaunchTime, outlast the 5 min to ready: no heartbeat was needed.
    assertThat(f.actions.heartbeats()).isEmpty();
  }

  @Test
  void withSeveralLaunchingHooksOnlyThoseMarkedForWarmgateAreGated() {
    f.hooks.put(FakeLifecycleHooks.launching(GROUP, HOOK, Duration.ofMinutes(10), "warmgate"));
    f.hooks.put(FakeLifecycleHooks.launching(GROUP, "config-mgmt", Duration.ofMinutes(10), "someone else's"));
    f.hooks.put(FakeLifecycleHooks.launching("other", "a", Duration.ofMinutes(10), null));
    f.hooks.put(FakeLifecycleHooks.launching("other", "b", Duration.ofMinutes(10), null));
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    waiting.add(new WaitingInstance(GROUP, "i-1", "Pending:Wait"));
    waiting.add(new WaitingInstance("other", "i-2", "Pending:Wait"));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());

    SweepReport report = sweep(List.of(GROUP, "other"), gate);

    assertThat(report.finished()).singleElement().satisfies(e -> assertThat(e.action().hookName()).isEqualTo(HOOK));
    assertThat(report.problems()).singleElement().asString().contains("other", "none mentions warmgate");
  }

  @Test
  void aGroupThatCannotBeListedIsReportedAndTheOthersAreStillSwept() {
    f.hooks.put(FakeLifecycleHooks.launching("broken", "h", Duration.ofMinutes(10), null));
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    waiting.add(new WaitingInstance(GROUP, "i-1", "Pending:Wait"));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());
    Sweeper sweeper = new Sweeper(() -> List.of("broken", GROUP), f.hooks, group -> {
      if (group.equals("broken")) {
        throw new GatePortException("Throttling listing broken", null, true);
      }
      return waiting;
    }, gate, f.direct);

    SweepReport report = f.scheduler.runUntilDone(sweeper.sweep(T0.plus(Duration.ofHours(1))), Duration.ofHours(2));

    assertThat(report.outcomes()).containsEntry(Outcome.CONTINUED, 1);
    assertThat(report.problems()).singleElement().asString().contains("broken", "Throttling");
  }

  @Test
  void aTagLookupDeniedByIamStillSweepsTheConfiguredGroupsAndReportsTheFailureOnce() {
    // Regression: the deployed role lacked DescribeTags, so every sweep aborted before the configured group.
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Warmed:Pending:Wait", "10.0.0.1", T0));
    waiting.add(new WaitingInstance(GROUP, "i-1", "Warmed:Pending:Wait"));
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());
    ManagedGroups deniedLookup = new ManagedGroups() {
      @Override
      public List<String> list() {
        throw new GatePortException("DescribeTags: AccessDenied (not authorized to perform: autoscaling:DescribeTags)", null, false);
      }

      @Override
      public List<String> configured() {
        return List.of(GROUP);
      }
    };
    Sweeper sweeper = new Sweeper(deniedLookup, f.hooks,
        group -> waiting.stream().filter(w -> w.groupName().equals(group)).toList(), gate, f.direct);

    SweepReport report = f.scheduler.runUntilDone(sweeper.sweep(T0.plus(Duration.ofHours(1))), Duration.ofHours(2));

    assertThat(report.groups()).isEqualTo(1);
    assertThat(report.outcomes()).containsExactlyEntriesOf(Map.of(Outcome.CONTINUED, 1));
    assertThat(report.problems()).singleElement().asString()
        .contains("cannot list managed groups", "autoscaling:DescribeTags", "1 configured group(s) only");
  }

  @Test
  void aFailedLookupWithNothingConfiguredSweepsNothingAndSaysSo() {
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());
    Sweeper sweeper = new Sweeper(() -> {
      throw new GatePortException("Throttling", null, true);
    }, f.hooks, group -> waiting, gate, f.direct);

    SweepReport report = f.scheduler.runUntilDone(sweeper.sweep(T0.plus(Duration.ofHours(1))), Duration.ofHours(2));

    assertThat(report.groups()).isZero();
    assertThat(report.finished()).isEmpty();
    assertThat(report.problems()).singleElement().asString().contains("Throttling", "0 configured group(s) only");
  }

  @Test
  void sweepsManyGroupsConcurrentlyOnARealThreadPool() {
    java.util.concurrent.ThreadPoolExecutor pool =
        (java.util.concurrent.ThreadPoolExecutor) java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<String> groups = new ArrayList<>();
      for (int g = 0; g < 20; g++) {
        String group = "asg-" + g;
        groups.add(group);
        f.hooks.put(FakeLifecycleHooks.launching(group, "hook", Duration.ofMinutes(10), null));
        for (int i = 0; i < 5; i++) {
          String id = "i-" + g + "-" + i;
          f.instances.put(FakeInstances.waiting(id, group, "Warmed:Pending:Wait", "10.0." + g + "." + i, T0));
          waiting.add(new WaitingInstance(group, id, "Warmed:Pending:Wait"));
        }
      }
      Gate gate = f.builder().executor(pool).metadataParser(io.warmgate.core.policy.MetadataParser.NONE)
          .probes(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(3))).asFactory()).build();
      Sweeper sweeper = new Sweeper(() -> groups, f.hooks,
          group -> waiting.stream().filter(w -> w.groupName().equals(group)).toList(), gate, pool);

      SweepReport report = f.scheduler.runUntilDone(sweeper.sweep(T0.plus(Duration.ofHours(1))), Duration.ofHours(2),
          () -> pool.getActiveCount() == 0 && pool.getQueue().isEmpty());

      assertThat(report.groups()).isEqualTo(20);
      assertThat(report.waiting()).isEqualTo(100);
      assertThat(report.outcomes()).containsExactlyEntriesOf(Map.of(Outcome.CONTINUED, 100));
      assertThat(report.problems()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRunWhoseInstanceTheSweepNoLongerFindsWaitingStopsAtItsNextRound() {
    // Not ready for an hour: the probes fail, and with them alone the gate looks the instance up again only
    // every 2 min (factsRefreshOnFailure).
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofHours(1))).asFactory(), Map.of());
    var run = gate.run(GateFixture.event("i-1", io.warmgate.core.model.Location.EC2,
        io.warmgate.core.model.Location.AUTO_SCALING_GROUP), T0.plus(Duration.ofHours(2))).toCompletableFuture();
    f.scheduler.advance(Duration.ofSeconds(70));
    f.instances.setState("i-1", io.warmgate.core.model.InstanceState.TERMINATED);
    java.time.Instant swept = f.scheduler.now();

    sweep(List.of(GROUP), gate);
    f.scheduler.advance(Duration.ofSeconds(20));

    assertThat(run).isDone();
    assertThat(run.join().outcome()).isEqualTo(Outcome.STOPPED);
    // The run's next round (15 s interval) after the sweep, not 2 min after its last look-up.
    assertThat(run.join().at()).isBetween(swept, swept.plusSeconds(16));
  }
}
