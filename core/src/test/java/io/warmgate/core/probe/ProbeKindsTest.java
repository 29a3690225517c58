package io.warmgate.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.core.policy.ConfigKeys;
import io.warmgate.core.policy.ProbeSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeKindsTest {

  @Test
  void everyKindOwnsKeysUnderItsOwnName() {
    for (ProbeKind<?> kind : ProbeKinds.ALL) {
      assertThat(kind.keys()).isNotEmpty().allMatch(k -> k.startsWith(kind.name() + "."));
      assertThat(ConfigKeys.POLICY_KEYS).containsAll(kind.keys());
      assertThat(ConfigKeys.RESERVED_ENV_PREFIXES).contains(ConfigKeys.envName(kind.name()) + "_");
    }
    assertThat(ProbeKinds.ALL).extracting(ProbeKind::name).doesNotHaveDuplicates();
    assertThat(ProbeKinds.keys()).doesNotHaveDuplicates();
  }

  @Test
  void everyKindReadsBackTheSettingsItWrites() {
    for (ProbeKind<?> kind : ProbeKinds.ALL) {
      assertRoundTrip(kind);
    }
  }

  private static <S extends ProbeSpec> void assertRoundTrip(ProbeKind<S> kind) {
    ProbeKind.ProbeDraft<S> seed = kind.draft(Optional.empty());
    if (kind.name().equals("tcp")) {
      seed.set("tcp.port", "3389");
    }
    S spec = seed.build();
    assertThat(spec.kind()).isEqualTo(kind.name());
    assertThat(ProbeKinds.of(spec)).isSameAs(kind);
    ProbeKind.ProbeDraft<S> again = kind.draft(Optional.empty());
    kind.settings(spec).forEach(again::set);
    assertThat(again.build()).isEqualTo(spec);
  }

  @Test
  void aSpecOutsideTheRegistryIsRefusedNotTurnedIntoAnotherKind() {
    ProbeSpec stray = () -> "stray";
    assertThatThrownBy(() -> ProbeKinds.of(stray))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no probe kind registered");
    assertThat(ProbeKinds.named("stray")).isEmpty();
  }
}
