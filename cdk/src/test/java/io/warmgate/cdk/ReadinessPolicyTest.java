package io.warmgate.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.ConfigKeys;
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.PolicyPresets;
import io.warmgate.core.policy.PolicyResolver;
import io.warmgate.core.policy.StatusCodes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessPolicyTest {

  /** What the gate makes of the metadata: the core's own resolver, with no environment layer. */
  private static PhasePolicies asTheGateReadsIt(ReadinessPolicy policy) {
    return new PolicyResolver(new JacksonMetadataParser(), List.of())
        .resolve("warmgate-launch", Optional.of(policy.toNotificationMetadata()));
  }

  @Test
  void theConstructsDefaultsAreTheGatesAndWriteNothingButTheKey() {
    ReadinessPolicy defaults = ReadinessPolicy.builder().build();

    assertThat(defaults.toNotificationMetadata()).isEqualTo("{\"warmgate\":{}}");
    assertThat(asTheGateReadsIt(defaults)).isEqualTo(PolicyPresets.defaults());
  }

  @Test
  void theMetadataHoldsOnlyWhatDiffersFromTheGatesDefaults() {
    ReadinessPolicy policy = ReadinessPolicy.builder().path("/health").deadline(Duration.ofMinutes(40)).build();

    // The warm start keeps the gate's own 15-minute deadline: it is a phase override, not the plain deadline.
    assertThat(policy.toNotificationMetadata()).isEqualTo(
        "{\"warmgate\":{\"http\":{\"path\":\"/health\"},\"deadline\":\"PT40M\",\"phases\":{\"leavingWarmPool\":{\"deadline\":\"PT15M\"}}}}");
    assertThat(asTheGateReadsIt(policy).forPhase(Phase.LEAVING_WARM_POOL).deadline()).contains(Duration.ofMinutes(15));
    assertThat(asTheGateReadsIt(policy).forPhase(Phase.COLD_START).deadline()).contains(Duration.ofMinutes(40));
  }

  @Test
  void aValueEveryPhaseSharesIsWrittenOncePlainly() {
    ReadinessPolicy policy = ReadinessPolicy.builder().interval(Duration.ofSeconds(5))
        .enteringWarmPool(PhasePolicy.builder().settle(Duration.ofSeconds(30)).build())
        .leavingWarmPool(PhasePolicy.builder().deadline(Duration.ofMinutes(15)).build())
        .build();

    assertThat(policy.toNotificationMetadata()).isEqualTo("{\"warmgate\":{\"interval\":\"PT5S\"}}");
    for (Phase phase : List.of(Phase.ENTERING_WARM_POOL, Phase.LEAVING_WARM_POOL, Phase.COLD_START)) {
      assertThat(asTheGateReadsIt(policy).forPhase(phase).interval()).as(phase.toString()).isEqualTo(Duration.ofSeconds(5));
    }
  }

  @Test
  void byDefaultTheDeployedPhasesProbeAtTheGatesOwnCadence() {
    // Regression: the plain PT15S the construct writes applied to every phase, so a deployed warm start
    // was probed every 15 s, not the gate's 2 s, and the scale-out waited up to 13 s longer.
    PhasePolicies gate = asTheGateReadsIt(ReadinessPolicy.builder().build());
    PhasePolicies core = PolicyPresets.defaults();

    for (Phase phase : List.of(Phase.ENTERING_WARM_POOL, Phase.LEAVING_WARM_POOL, Phase.COLD_START)) {
      assertThat(gate.forPhase(phase).interval()).as("%s interval", phase).isEqualTo(core.forPhase(phase).interval());
      assertThat(gate.forPhase(phase).confirmInterval()).as("%s confirm", phase)
          .isEqualTo(core.forPhase(phase).confirmInterval());
      assertThat(gate.forPhase(phase).settleDelay()).as("%s settle", phase).isEqualTo(core.forPhase(phase).settleDelay());
    }
    assertThat(gate.forPhase(Phase.LEAVING_WARM_POOL).interval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theCoreReadsEveryKeyTheConstructWrites() {
    ReadinessPolicy policy = ReadinessPolicy.builder()
        .coldStart(PhasePolicy.builder().deadline(Duration.ofMinutes(20)).atDeadline(LifecycleResult.CONTINUE)
            .consecutive(2).settle(Duration.ofSeconds(5)).interval(Duration.ofSeconds(10)).build())
        .build();

    var layer = new JacksonMetadataParser().parse("metadata", policy.toNotificationMetadata());

    assertThat(layer.settings().keySet()).isNotEmpty().allMatch(ConfigKeys::isKnown)
        .containsExactlyInAnyOrder("phases.coldStart.deadline", "phases.coldStart.atDeadline", "phases.coldStart.consecutive",
            "phases.coldStart.settle", "phases.coldStart.interval");
  }

  @Test
  void byDefaultOnlyAnInstanceEnteringThePoolSettlesAndAWarmStartHasTheShorterDeadline() {
    // Regression: flat keys only, so every warm start also waited the entering-the-pool settle and deadline.
    PhasePolicies gate = asTheGateReadsIt(ReadinessPolicy.builder().build());

    assertThat(gate.forPhase(Phase.ENTERING_WARM_POOL).settleDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(gate.forPhase(Phase.ENTERING_WARM_POOL).deadline()).contains(Duration.ofMinutes(30));
    assertThat(gate.forPhase(Phase.LEAVING_WARM_POOL).settleDelay()).isZero();
    assertThat(gate.forPhase(Phase.LEAVING_WARM_POOL).deadline()).contains(Duration.ofMinutes(15));
    assertThat(gate.forPhase(Phase.COLD_START).settleDelay()).isZero();
    assertThat(gate.forPhase(Phase.COLD_START).deadline()).contains(Duration.ofMinutes(30));
  }

  @Test
  void theCoreAppliesThePlainSettingsToEveryPhaseAndEachOverrideToItsOwn() {
    ReadinessPolicy policy = ReadinessPolicy.builder()
        .port(8080).path("/ready").codes("200,204").deadline(Duration.ofMinutes(40))
        .atDeadline(LifecycleResult.CONTINUE).consecutive(5).interval(Duration.ofSeconds(5))
        .enteringWarmPool(PhasePolicy.builder().settle(Duration.ofSeconds(90)).build())
        .leavingWarmPool(PhasePolicy.builder().deadline(Duration.ofMinutes(10)).consecutive(2).build())
        .coldStart(PhasePolicy.builder().atDeadline(LifecycleResult.ABANDON).interval(Duration.ofSeconds(30)).build())
        .build();

    PhasePolicies gate = asTheGateReadsIt(policy);

    for (Phase phase : List.of(Phase.ENTERING_WARM_POOL, Phase.LEAVING_WARM_POOL, Phase.COLD_START)) {
      assertThat(gate.forPhase(phase).probes()).as(phase.toString()).singleElement().isInstanceOfSatisfying(HttpProbeSpec.class, http -> {
        assertThat(http.port()).isEqualTo(8080);
        assertThat(http.path()).isEqualTo("/ready");
        assertThat(http.codes()).isEqualTo(StatusCodes.parse("200,204"));
      });
    }
    var entering = gate.forPhase(Phase.ENTERING_WARM_POOL);
    assertThat(entering.settleDelay()).isEqualTo(Duration.ofSeconds(90));
    assertThat(entering.deadline()).contains(Duration.ofMinutes(40));
    assertThat(entering.consecutiveSuccesses()).isEqualTo(5);
    assertThat(entering.resultAtDeadline()).isEqualTo(io.warmgate.core.model.LifecycleResult.CONTINUE);
    var leaving = gate.forPhase(Phase.LEAVING_WARM_POOL);
    assertThat(leaving.deadline()).contains(Duration.ofMinutes(10));
    assertThat(leaving.consecutiveSuccesses()).isEqualTo(2);
    assertThat(leaving.settleDelay()).isZero();
    assertThat(leaving.interval()).isEqualTo(Duration.ofSeconds(5));
    var cold = gate.forPhase(Phase.COLD_START);
    assertThat(cold.resultAtDeadline()).isEqualTo(io.warmgate.core.model.LifecycleResult.ABANDON);
    assertThat(cold.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(cold.deadline()).contains(Duration.ofMinutes(40));
  }

  @Test
  void phasesThatKeepTheGatesDefaultsAreLeftOutOfTheMetadata() {
    assertThat(ReadinessPolicy.builder().path("/ready").build().toNotificationMetadata()).doesNotContain("phases");

    // Dropping the phases' defaults is a difference, so it is written (here as plain values every phase
    // shares), and the gate then has no settle and one deadline everywhere.
    ReadinessPolicy policy = ReadinessPolicy.builder()
        .enteringWarmPool(PhasePolicy.NONE).leavingWarmPool(PhasePolicy.NONE).build();
    assertThat(policy.toNotificationMetadata()).isEqualTo("{\"warmgate\":{\"deadline\":\"PT30M\",\"settle\":\"PT0S\",\"interval\":\"PT15S\"}}");
    assertThat(asTheGateReadsIt(policy).forPhase(Phase.ENTERING_WARM_POOL).settleDelay()).isZero();
    assertThat(asTheGateReadsIt(policy).forPhase(Phase.LEAVING_WARM_POOL).deadline()).contains(Duration.ofMinutes(30));
  }

  @Test
  void toBuilderKeepsEverySetting() {
    ReadinessPolicy policy = ReadinessPolicy.builder().port(81).consecutive(2)
        .coldStart(PhasePolicy.builder().interval(Duration.ofSeconds(3)).build()).build();

    assertThat(policy.toBuilder().build()).isEqualTo(policy);
    assertThat(policy.toBuilder().port(82).build().port()).isEqualTo(82);
  }

  @Test
  void theLongestDeadlineAndIntervalLookAtEveryPhase() {
    ReadinessPolicy policy = ReadinessPolicy.builder().deadline(Duration.ofMinutes(20)).interval(Duration.ofSeconds(15))
        .enteringWarmPool(PhasePolicy.builder().deadline(Duration.ofMinutes(45)).build())
        .coldStart(PhasePolicy.builder().interval(Duration.ofMinutes(2)).build())
        .build();

    assertThat(policy.longestDeadline()).isEqualTo(Duration.ofMinutes(45));
    assertThat(policy.longestInterval()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void rejectsAPortOutOfRange() {
    assertThatThrownBy(() -> ReadinessPolicy.builder().port(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    assertThatThrownBy(() -> ReadinessPolicy.builder().port(65536).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
  }

  @Test
  void rejectsAPathWithoutLeadingSlashOrWithSpaces() {
    assertThatThrownBy(() -> ReadinessPolicy.builder().path("health").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
    assertThatThrownBy(() -> ReadinessPolicy.builder().path("/a b").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
  }

  @Test
  void rejectsMalformedStatusCodes() {
    assertThatThrownBy(() -> ReadinessPolicy.builder().codes("2xx").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codes");
    assertThatThrownBy(() -> ReadinessPolicy.builder().codes("600").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codes");
  }

  @Test
  void rejectsDurationsOutOfRange() {
    assertThatThrownBy(() -> ReadinessPolicy.builder().deadline(Duration.ofSeconds(30)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
    assertThatThrownBy(() -> ReadinessPolicy.builder().interval(Duration.ofMillis(500)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    assertThatThrownBy(() -> ReadinessPolicy.builder().consecutive(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consecutive");
    assertThatThrownBy(() -> PhasePolicy.builder().settle(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settle");
    assertThatThrownBy(() -> PhasePolicy.builder().deadline(Duration.ofHours(49)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
  }

  @Test
  void rejectsASettleNotShorterThanItsPhasesDeadline() {
    assertThatThrownBy(() -> ReadinessPolicy.builder()
            .leavingWarmPool(PhasePolicy.builder().deadline(Duration.ofMinutes(2)).settle(Duration.ofMinutes(2)).build())
            .build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leavingWarmPool settle");
  }

  @Test
  void namesTheMissingSetting() {
    assertThatThrownBy(() -> ReadinessPolicy.builder().deadline(null).build())
        .isInstanceOf(NullPointerException.class).hasMessage("deadline");
    assertThatThrownBy(() -> ReadinessPolicy.builder().coldStart(null).build())
        .isInstanceOf(NullPointerException.class).hasMessage("coldStart");
  }

  @Test
  void aPolicyChangingEverySettingOfEveryPhaseStaysWellWithinTheLimit() {
    PhasePolicy.Builder phase = PhasePolicy.builder().atDeadline(LifecycleResult.CONTINUE);
    String longest = ReadinessPolicy.builder().port(8443).path("/" + "p".repeat(300)).codes("200-299,301,302,304")
        .enteringWarmPool(phase.deadline(Duration.ofMinutes(40)).consecutive(10).settle(Duration.ofSeconds(45))
            .interval(Duration.ofSeconds(20)).build())
        .leavingWarmPool(phase.deadline(Duration.ofMinutes(41)).consecutive(11).settle(Duration.ofSeconds(46))
            .interval(Duration.ofSeconds(21)).build())
        .coldStart(phase.deadline(Duration.ofMinutes(42)).consecutive(12).settle(Duration.ofSeconds(47))
            .interval(Duration.ofSeconds(22)).build())
        .build().toNotificationMetadata();

    // The figure docs/deployment.md gives: each phase its own values, a 300-character path.
    assertThat(longest).hasSize(661);
  }

  @Test
  void acceptsMetadataOfExactly1023CharactersAndRefusesOneMore() {
    int shape = "{\"warmgate\":{\"http\":{\"path\":\"\"}}}".length();
    ReadinessPolicy atLimit = ReadinessPolicy.builder().path("/" + "p".repeat(1023 - shape - 1)).build();
    ReadinessPolicy over = ReadinessPolicy.builder().path("/" + "p".repeat(1023 - shape)).build();

    assertThat(ReadinessPolicy.MAX_METADATA_LENGTH).isEqualTo(1023);
    assertThat(atLimit.toNotificationMetadata()).hasSize(1023);
    assertThatThrownBy(over::toNotificationMetadata)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("1024 characters").hasMessageContaining("1023");
  }
}
