package io.warmgate.bench.micro;

import io.warmgate.core.gate.Decider;
import io.warmgate.core.gate.ProbeHistory;
import io.warmgate.core.model.Decision;
import io.warmgate.core.model.InstanceFacts;
import io.warmgate.core.model.InstanceState;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.model.Location;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.PolicyPresets;
import io.warmgate.core.policy.ReadinessPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures one {@link Decider#decide} call, the pure decision the gate makes after every probe round:
 * an instance still failing (Wait), one whose streak is settling (Wait until the settle ends), and one
 * ready (Continue).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeciderBenchmark {

  private static final Instant LAUNCH = Instant.parse("2026-01-01T10:00:00Z");

  private ReadinessPolicy policy;
  private LifecycleHook hook;
  private LifecycleAction action;
  private InstanceFacts facts;
  private ProbeHistory failing;
  private ProbeHistory settling;
  private ProbeHistory ready;
  private Instant now;

  /** Builds the inputs of a warm-pool entry five minutes after launch. */
  @Setup
  public void setUp() {
    policy = PolicyPresets.defaults().forPhase(Phase.ENTERING_WARM_POOL);
    hook = LifecycleHook.of("asg", "hook", LifecycleTransition.LAUNCHING, Duration.ofMinutes(30), LifecycleResult.ABANDON, Optional.empty());
    action = new LifecycleAction("asg", "hook", Optional.of("token"), "i-0123456789abcdef0", LifecycleTransition.LAUNCHING,
        Optional.of(Location.EC2), Optional.of(Location.WARM_POOL));
    facts = new InstanceFacts("i-0123456789abcdef0", Optional.of("asg"), Optional.of("Warmed:Pending:Wait"), InstanceState.RUNNING,
        Optional.of("10.0.0.1"), LAUNCH, Optional.of("linux"));
    now = LAUNCH.plus(Duration.ofMinutes(5));
    failing = ProbeHistory.start(LAUNCH);
    for (int i = 0; i < 10; i++) {
      failing = failing.afterRound(false, LAUNCH.plusSeconds(15L * i));
    }
    // Three passes 10 s apart: the streak is long enough, but only 20 of the 30 s settle have passed.
    settling = failing.afterRound(true, now.minusSeconds(20)).afterRound(true, now.minusSeconds(10)).afterRound(true, now);
    ready = failing;
    for (int i = 0; i < 3; i++) {
      ready = ready.afterRound(true, now.minusSeconds(45 - 15L * i));
    }
  }

  /** A failing instance: Wait for the next round. */
  @Benchmark
  public Decision waitWhileFailing() {
    return Decider.decide(policy, hook, action, facts, failing, now);
  }

  /** A complete streak still inside its settle delay. */
  @Benchmark
  public Decision waitWhileSettling() {
    return Decider.decide(policy, hook, action, facts, settling, now);
  }

  /** A complete streak past its settle delay: Continue. */
  @Benchmark
  public Decision continueWhenReady() {
    return Decider.decide(policy, hook, action, facts, ready, now);
  }
}
