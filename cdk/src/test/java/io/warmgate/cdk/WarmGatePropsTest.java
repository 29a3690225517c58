package io.warmgate.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;

class WarmGatePropsTest {

  static IVpc vpc;

  @BeforeAll
  static void importAVpc() {
    Stack stack = new Stack(new App(), "Props");
    vpc = Vpc.fromVpcAttributes(stack, "Vpc", VpcAttributes.builder()
        .vpcId("vpc-0123456789abcdef0").availabilityZones(List.of("us-east-1a")).build());
  }

  private static WarmGateProps.Builder valid() {
    return WarmGateProps.builder().autoScalingGroupName("web").vpc(vpc);
  }

  @Test
  void defaultHeartbeatIsFiveMinutesForTheDefaultPolicy() {
    WarmGateProps props = valid().build();

    assertThat(props.heartbeatTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(props.defaultResult()).isEqualTo(LifecycleResult.ABANDON);
    assertThat(props.hookName()).isEqualTo("warmgate-launch");
  }

  @Test
  void defaultHeartbeatGrowsWithASlowProbeInterval() {
    WarmGateProps props = valid().policy(ReadinessPolicy.builder().interval(Duration.ofMinutes(2)).build()).build();

    assertThat(props.heartbeatTimeout()).isEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void defaultTimeToReadyThresholdIsFourFifthsOfTheDeadline() {
    assertThat(valid().build().timeToReadyThreshold()).isEqualTo(Duration.ofMinutes(24));
  }

  @Test
  void toBuilderMakesAVariantThatRederivesTheDefaults() {
    WarmGateProps first = valid().shadow(true).hookName("web-ready").build();

    WarmGateProps second = first.toBuilder()
        .autoScalingGroupName("api")
        .policy(ReadinessPolicy.builder().interval(Duration.ofMinutes(2)).deadline(Duration.ofMinutes(50)).build())
        .build();

    assertThat(second.autoScalingGroupName()).contains("api");
    assertThat(second.shadow()).isTrue();
    assertThat(second.hookName()).isEqualTo("web-ready");
    assertThat(second.heartbeatTimeout()).isEqualTo(Duration.ofMinutes(8));
    assertThat(second.timeToReadyThreshold()).isEqualTo(Duration.ofMinutes(40));
    assertThat(first.toBuilder().heartbeatTimeout(Duration.ofMinutes(7)).build().toBuilder().build().heartbeatTimeout())
        .isEqualTo(Duration.ofMinutes(7));
  }

  @Test
  void everySettingIsInTheListThatBuildChecks() throws IllegalAccessException {
    List<Setting<?>> declared = new java.util.ArrayList<>();
    for (java.lang.reflect.Field field : WarmGateProps.class.getDeclaredFields()) {
      if (field.getType() == Setting.class) {
        declared.add((Setting<?>) field.get(null));
      }
    }

    assertThat(WarmGateProps.SETTINGS).hasSize(25).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void needsExactlyOneFormOfTheGroup() {
    assertThatThrownBy(() -> WarmGateProps.builder().vpc(vpc).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
  }

  @Test
  void needsAVpc() {
    assertThatThrownBy(() -> WarmGateProps.builder().autoScalingGroupName("web").build())
        .isInstanceOf(NullPointerException.class).hasMessage("vpc");
  }

  @Test
  void rejectsAHeartbeatShorterThanTwoSweeps() {
    assertThatThrownBy(() -> valid().heartbeatTimeout(Duration.ofSeconds(90)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sweep");
  }

  @Test
  void rejectsAHeartbeatShorterThanTwoProbeIntervals() {
    ReadinessPolicy slow = ReadinessPolicy.builder().interval(Duration.ofMinutes(5)).build();

    assertThatThrownBy(() -> valid().policy(slow).heartbeatTimeout(Duration.ofMinutes(9)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probe interval");
  }

  @Test
  void rejectsAHeartbeatOutsideAutoScalingLimits() {
    assertThatThrownBy(() -> valid().heartbeatTimeout(Duration.ofSeconds(7201)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7200");
    assertThatThrownBy(() -> valid().heartbeatTimeout(Duration.ofMillis(300_500)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
  }

  @Test
  void rejectsADeadlineBeyondTheHooksGlobalTimeout() {
    ReadinessPolicy long4h = ReadinessPolicy.builder().deadline(Duration.ofHours(4)).build();

    // 100 x 120 s = 3 h 20 min: the hook would expire before the gate's deadline.
    assertThatThrownBy(() -> valid().policy(long4h).heartbeatTimeout(Duration.ofSeconds(120)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("global timeout");
  }

  /**
   * The defect: a 50 s timeout left each run 40 s, which cannot hold the warm pool's 30 s settle after the
   * look-ups and before the last probe and the completion, so every run restarted the streak and handed over,
   * and healthy instances were abandoned at their deadline. Synth refuses it now, naming the numbers.
   */
  @Test
  void timeoutTooShortForTheSettleIsRefusedAtSynth() {
    assertThatThrownBy(() -> valid().timeout(Duration.ofSeconds(50)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout 50s leaves a run 40s after the 10s safety margin, but enteringWarmPool needs 45s"
            + " (look-ups, settle or confirming passes, last probe, completion): set timeout to at least 55s");
    assertThat(valid().timeout(Duration.ofSeconds(55)).build().timeout()).isEqualTo(Duration.ofSeconds(55));
    // Without the settle, the confirming passes set the floor: 5 s + 2 x 1 s + 5 s + 5 s, plus the margin.
    ReadinessPolicy noSettle = ReadinessPolicy.builder().enteringWarmPool(PhasePolicy.NONE).build();
    assertThat(valid().policy(noSettle).timeout(Duration.ofSeconds(27)).build().timeout()).isEqualTo(Duration.ofSeconds(27));
    assertThatThrownBy(() -> valid().policy(noSettle).timeout(Duration.ofSeconds(26)).build())
        .hasMessageContaining("needs 17s").hasMessageContaining("at least 27s");
    // A long settle no timeout can hold: refused at any timeout.
    ReadinessPolicy longSettle = ReadinessPolicy.builder()
        .coldStart(PhasePolicy.builder().settle(Duration.ofMinutes(20)).build()).build();
    assertThatThrownBy(() -> valid().policy(longSettle).timeout(Duration.ofMinutes(15)).build())
        .hasMessageContaining("coldStart needs 20m15s");
  }

  @Test
  void rejectsBadNamesAndFunctionSizes() {
    assertThatThrownBy(() -> valid().hookName("has space").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hookName");
    assertThatThrownBy(() -> valid().memorySize(64).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memorySize");
    assertThatThrownBy(() -> valid().timeout(Duration.ofMinutes(16)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> valid().managedTag(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("managedTag");
  }

  @Test
  void aPolicyOverAutoScalingsMetadataLimitIsRefusedAtSynth() {
    ReadinessPolicy longPath = ReadinessPolicy.builder().path("/" + "p".repeat(1100)).build();

    assertThatThrownBy(() -> valid().policy(longPath).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("limit of 1023");
  }

  @Test
  void hookInGroupNeedsTheGroupAsAConstruct() {
    assertThatThrownBy(() -> valid().hookInGroup(true).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("hookInGroup");
    assertThat(valid().build().hookInGroup()).isFalse();
  }

  @Test
  void tagDiscoveryIsOffUnlessATagKeyIsGiven() {
    assertThat(valid().build().managedTag()).isEmpty();
    assertThat(valid().managedTag("warmgate:managed").build().managedTag()).contains("warmgate:managed");
    assertThat(valid().managedTag("warmgate:managed").managedTag(null).build().managedTag()).isEmpty();
  }

  @Test
  void rejectsATagKeyThatCannotBeAnIamConditionKeyOrThatMeansOff() {
    for (String bad : List.of("team:*", "a?b", "none", "NONE", "k".repeat(129))) {
      assertThatThrownBy(() -> valid().managedTag(bad).build())
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("managedTag");
    }
  }
}
