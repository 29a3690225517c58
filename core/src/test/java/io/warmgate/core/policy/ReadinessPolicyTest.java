package io.warmgate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessPolicyTest {

  @Test
  void theBuilderTakesASnapshotAndToBuilderMakesVariants() {
    ReadinessPolicyBuilder b = ReadinessPolicy.builder().consecutiveSuccesses(2);
    ReadinessPolicy two = b.build();
    ReadinessPolicy five = b.consecutiveSuccesses(5).build();

    assertThat(two.consecutiveSuccesses()).isEqualTo(2);
    assertThat(five.consecutiveSuccesses()).isEqualTo(5);
    assertThat(five.toBuilder().build()).isEqualTo(five);
  }

  @Test
  void rejectsNullsNamingTheParameter() {
    assertThatThrownBy(() -> ReadinessPolicy.builder().interval(null)).isInstanceOf(NullPointerException.class).hasMessage("interval");
    assertThatThrownBy(() -> new ReadinessPolicy(List.of(new Ec2StatusProbeSpec()), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
        null, io.warmgate.core.model.LifecycleResult.ABANDON, Duration.ZERO, false, true, Duration.ZERO))
        .isInstanceOf(NullPointerException.class).hasMessage("deadline");
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> ReadinessPolicy.builder().probes(List.of()).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReadinessPolicy.builder().interval(Duration.ZERO).build()).hasMessageContaining("interval");
    assertThatThrownBy(() -> ReadinessPolicy.builder().confirmInterval(Duration.ZERO).build()).hasMessageContaining("confirmInterval");
    assertThatThrownBy(() -> ReadinessPolicy.builder().confirmInterval(null)).isInstanceOf(NullPointerException.class).hasMessage("confirmInterval");
    assertThatThrownBy(() -> ReadinessPolicy.builder().consecutiveSuccesses(0).build()).hasMessageContaining("consecutiveSuccesses");
    assertThatThrownBy(() -> ReadinessPolicy.builder().settleDelay(Duration.ofSeconds(-1)).build()).hasMessageContaining("settleDelay");
    assertThatThrownBy(() -> ReadinessPolicy.builder().deadline(Duration.ZERO).build()).hasMessageContaining("deadline");
  }

  @Test
  void httpSpecsRejectUnsafePathsAndBadPorts() {
    HttpProbeSpec ok = HttpProbeSpec.http(80, "/health?full=1");
    assertThat(ok.name()).isEqualTo("http:80/health?full=1");
    assertThatThrownBy(() -> ok.withPath("/a b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ok.withPath("/a\r\nHost: x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ok.withPort(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ok.withScheme("ftp")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ok.withBodyContains(Optional.of(""))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statusCodesParseRangesAndLists() {
    StatusCodes codes = StatusCodes.parse("200-299, 304");

    assertThat(codes.contains(204)).isTrue();
    assertThat(codes.contains(304)).isTrue();
    assertThat(codes.contains(302)).isFalse();
    assertThat(codes).hasToString("200-299,304");
    assertThatThrownBy(() -> StatusCodes.parse("299-200")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StatusCodes.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StatusCodes.parse("700")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theConfirmIntervalAppliesOnlyWhileAStreakIsUnderWayAndOnlyWhenShorter() {
    ReadinessPolicy p = ReadinessPolicy.builder().interval(Duration.ofSeconds(15)).confirmInterval(Duration.ofSeconds(1))
        .consecutiveSuccesses(3).build();

    assertThat(p.intervalAfter(0)).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.intervalAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.intervalAfter(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.intervalAfter(3)).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.toBuilder().confirmInterval(Duration.ofMinutes(1)).build().intervalAfter(1)).isEqualTo(Duration.ofSeconds(15));
  }
}
