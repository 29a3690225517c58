package io.warmgate.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.Decision;
import io.warmgate.core.model.Phase;
import org.junit.jupiter.api.Test;

/** The micro-benchmarks measure the cases their names promise. */
class MicroBenchmarksTest {

  @Test
  void eachDeciderBenchmarkReachesTheDecisionItIsNamedFor() {
    DeciderBenchmark b = new DeciderBenchmark();
    b.setUp();

    assertThat(b.waitWhileFailing()).isInstanceOf(Decision.Wait.class);
    assertThat(b.waitWhileSettling()).isInstanceOf(Decision.Wait.class);
    assertThat(b.continueWhenReady()).isInstanceOf(Decision.Continue.class);
  }

  @Test
  void cachedAndUncachedResolutionGiveTheSamePolicy() {
    PolicyResolverBenchmark b = new PolicyResolverBenchmark();
    b.setUp();

    assertThat(b.uncached().forPhase(Phase.ENTERING_WARM_POOL)).isEqualTo(b.cached());
    assertThat(b.cached().interval()).hasSeconds(15);
  }
}
