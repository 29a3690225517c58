package io.warmgate.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.LifecycleHook;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.LifecycleTransition;
import io.warmgate.core.testing.FakeLifecycleHooks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which hooks the gate gates, the rule the sweeper and check share. */
class HookChoiceTest {

  private static final Duration TEN = Duration.ofMinutes(10);

  @Test
  void theOnlyLaunchingHookIsGatedWhateverItsMetadata() {
    HookChoice c = HookChoice.of("web", List.of(FakeLifecycleHooks.launching("web", "a", TEN, null), terminating("drain")));

    assertThat(c.gated()).extracting(LifecycleHook::hookName).containsExactly("a");
    assertThat(c.problem()).isEmpty();
    assertThat(c.gates("drain")).isFalse();
  }

  @Test
  void amongSeveralLaunchingHooksOnlyThoseMentioningWarmgateAreGated() {
    HookChoice c = HookChoice.of("web", List.of(
        FakeLifecycleHooks.launching("web", "other-team", TEN, null),
        FakeLifecycleHooks.launching("web", "ours", TEN, "warmgate")));

    assertThat(c.gated()).extracting(LifecycleHook::hookName).containsExactly("ours");
    assertThat(c.gates("other-team")).isFalse();
  }

  @Test
  void noGatedHookSaysWhy() {
    assertThat(HookChoice.of("web", List.of(terminating("drain"))).problem()).contains("group web has no launching hook");
    assertThat(HookChoice.of("web", List.of(
            FakeLifecycleHooks.launching("web", "a", TEN, null), FakeLifecycleHooks.launching("web", "b", TEN, null)))
        .problem().orElseThrow()).contains("2 launching hooks and none mentions warmgate");
  }

  private static LifecycleHook terminating(String name) {
    return new LifecycleHook("web", name, LifecycleTransition.TERMINATING, TEN, Duration.ofHours(2), LifecycleResult.CONTINUE,
        Optional.empty());
  }
}
