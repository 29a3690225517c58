package io.warmgate.core.gate;

import static io.warmgate.core.gate.GateFixture.GROUP;
import static io.warmgate.core.gate.GateFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.WaitingInstances.WaitingInstance;
import io.warmgate.core.testing.FakeInstances;
import io.warmgate.core.testing.ScriptedProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

  private final GateFixture f = new GateFixture();
  private final List<WaitingInstance> waiting = new CopyOnWriteArrayList<>();
  private final List<SweepReport> reports = Collections.synchronizedList(new ArrayList<>());

  @Test
  void sweepsEveryPeriodAndGatesInstancesThatStartWaitingLater() {
    Gate gate = f.gate(ScriptedProbe.readyFrom(f.scheduler, T0.plus(Duration.ofMinutes(20))).asFactory(), Map.of());
    Sweeper sweeper = new Sweeper(() -> List.of(GROUP), f.hooks, group -> List.copyOf(waiting), gate, f.direct);
    f.actions.onComplete(c -> waiting.removeIf(w -> w.instanceId().equals(c.action().instanceId())));
    f.instances.put(FakeInstances.waiting("i-1", GROUP, "Pending:Wait", "10.0.0.1", T0));
    waiting.add(new WaitingInstance(GROUP, "i-1", "Pending:Wait"));

    try (Reconciler loop = new Reconciler(sweeper, f.scheduler, Duration.ofMinutes(1), Duration.ofMinutes(5), reports::add)) {
      loop.start();
      f.scheduler.advance(Duration.ofMinutes(10));
      f.instances.put(FakeInstances.waiting("i-2", GROUP, "Warmed:Pending:Wait", "10.0.0.2", T0.plus(Duration.ofMinutes(10))));
      waiting.add(new WaitingInstance(GROUP, "i-2", "Warmed:Pending:Wait"));
      f.scheduler.advance(Duration.ofMinutes(30));
    }

    // i-1 was gated for 20 minutes, far beyond one sweep's 5-minute budget: each sweep extended it
    assertThat(f.actions.completion("i-1")).isPresent();
    assertThat(f.actions.completion("i-2")).isPresent();
    assertThat(f.listener.finished).extracting(e -> e.outcome()).containsOnly(Outcome.CONTINUED);
    assertThat(reports).isNotEmpty();
  }

  @Test
  void rejectsABudgetNoLongerThanThePeriod() {
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());
    Sweeper sweeper = new Sweeper(List::of, f.hooks, group -> List.of(), gate, f.direct);

    assertThatThrownBy(() -> new Reconciler(sweeper, f.scheduler, Duration.ofMinutes(1), Duration.ofMinutes(1), r -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Regression: a report consumer that threw vanished without a trace. */
  @Test
  void aThrowingReportConsumerIsReportedAndTheLoopGoesOn() {
    Gate gate = f.gate(ScriptedProbe.always(f.scheduler, true).asFactory(), Map.of());
    Sweeper sweeper = new Sweeper(() -> List.of(GROUP), f.hooks, group -> List.of(), gate, f.direct);
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    Thread self = Thread.currentThread();
    Thread.UncaughtExceptionHandler before = self.getUncaughtExceptionHandler();
    self.setUncaughtExceptionHandler((t, e) -> reported.add(e));
    try (Reconciler loop = new Reconciler(sweeper, f.scheduler, Duration.ofMinutes(1), Duration.ofMinutes(5), r -> {
      reports.add(r);
      throw new IllegalStateException("broken consumer");
    })) {
      loop.start();
      f.scheduler.advance(Duration.ofMinutes(3));
    } finally {
      self.setUncaughtExceptionHandler(before);
    }

    assertThat(reports).hasSizeGreaterThanOrEqualTo(3);
    assertThat(reported).hasSameSizeAs(reports).allSatisfy(e -> assertThat(e.getCause()).hasMessage("broken consumer"));
  }
}
