package io.warmgate.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadinessPolicyTest {

  @Test
  void defaultsSerializeToTheGatesMetadataShape() {
    String metadata = ReadinessPolicy.builder().build().toNotificationMetadata();

    assertThat(metadata).isEqualTo("{\"warmgate\":{\"http\":{\"port\":80,\"path\":\"/health\",\"codes\":\"200-399\"},"
        + "\"deadline\":\"PT25M\",\"atDeadline\":\"ABANDON\",\"consecutive\":3,\"settle\":\"PT30S\",\"interval\":\"PT15S\"}}");
  }

  @Test
  void customSettingsAppearInTheMetadata() {
    ReadinessPolicy policy = ReadinessPolicy.builder()
        .port(8080).path("/ready").codes("200,204").deadline(Duration.ofMinutes(40))
        .atDeadline(LifecycleResult.CONTINUE).consecutive(5).settle(Duration.ZERO).interval(Duration.ofSeconds(5))
        .build();

    assertThat(policy.toNotificationMetadata())
        .contains("\"port\":8080", "\"path\":\"/ready\"", "\"codes\":\"200,204\"", "\"deadline\":\"PT40M\"",
            "\"atDeadline\":\"CONTINUE\"", "\"consecutive\":5", "\"settle\":\"PT0S\"", "\"interval\":\"PT5S\"");
  }

  @Test
  void toBuilderKeepsEverySetting() {
    ReadinessPolicy policy = ReadinessPolicy.builder().port(81).consecutive(2).build();

    assertThat(policy.toBuilder().build()).isEqualTo(policy);
    assertThat(policy.toBuilder().port(82).build().port()).isEqualTo(82);
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
    assertThatThrownBy(() -> ReadinessPolicy.builder().settle(Duration.ofMinutes(25)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settle");
    assertThatThrownBy(() -> ReadinessPolicy.builder().interval(Duration.ofMillis(500)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    assertThatThrownBy(() -> ReadinessPolicy.builder().consecutive(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consecutive");
  }

  @Test
  void namesTheMissingSetting() {
    assertThatThrownBy(() -> ReadinessPolicy.builder().deadline(null).build())
        .isInstanceOf(NullPointerException.class).hasMessage("deadline");
  }

  @Test
  void metadataStaysFarBelowTheAutoScalingLimit() {
    String longest = ReadinessPolicy.builder().path("/" + "p".repeat(300)).codes("200-299,301,302,304").build()
        .toNotificationMetadata();

    assertThat(longest.length()).isLessThan(ReadinessPolicy.MAX_METADATA_LENGTH);
  }

  @Test
  void refusesMetadataOverTheAutoScalingLimit() {
    ReadinessPolicy policy = ReadinessPolicy.builder().path("/" + "p".repeat(4000)).build();

    assertThatThrownBy(policy::toNotificationMetadata)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("4000");
  }
}
