package io.warmgate.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventPatternsTest {

  private static final Map<String, Object> EVENT = Map.of(
      "source", "aws.autoscaling",
      "detail-type", "EC2 Instance-launch Lifecycle Action",
      "detail", Map.of("AutoScalingGroupName", "web-prod", "LifecycleHookName", "launch", "Origin", "EC2"));

  private static boolean matches(Map<String, Object> pattern) {
    return EventPatterns.matches(pattern, EVENT, Set.of("account"));
  }

  @Test
  void exactValuesMatchAnyOfTheirAlternatives() {
    assertThat(matches(Map.of("source", List.of("aws.ec2", "aws.autoscaling")))).isTrue();
    assertThat(matches(Map.of("source", List.of("aws.ec2")))).isFalse();
  }

  @Test
  void nestedFieldsMustAllMatch() {
    assertThat(matches(Map.of("detail", Map.of("AutoScalingGroupName", List.of("web-prod"),
        "LifecycleHookName", List.of("launch"))))).isTrue();
    assertThat(matches(Map.of("detail", Map.of("AutoScalingGroupName", List.of("web-prod"),
        "LifecycleHookName", List.of("other"))))).isFalse();
  }

  @Test
  void contentFiltersWork() {
    assertThat(matches(Map.of("detail", Map.of("AutoScalingGroupName", List.of(Map.of("prefix", "web-")))))).isTrue();
    assertThat(matches(Map.of("detail", Map.of("AutoScalingGroupName", List.of(Map.of("suffix", "-dev")))))).isFalse();
    assertThat(matches(Map.of("detail", Map.of("Origin", List.of(Map.of("anything-but", List.of("WarmPool")))))))
        .isTrue();
    assertThat(matches(Map.of("detail", Map.of("Destination", List.of(Map.of("exists", false)))))).isTrue();
    assertThat(matches(Map.of("detail", Map.of("Destination", List.of(Map.of("exists", true)))))).isFalse();
    assertThat(matches(Map.of("detail", Map.of("AutoScalingGroupName", List.of(Map.of("wildcard", "web-*")))))).isTrue();
    assertThat(matches(Map.of("detail-type", List.of(Map.of("equals-ignore-case",
        "ec2 instance-launch lifecycle action"))))).isTrue();
  }

  @Test
  void aFilterItDoesNotKnowDoesNotMatch() {
    assertThat(matches(Map.of("source", List.of(Map.of("numeric", List.of(">", 0)))))).isFalse();
  }

  @Test
  void fieldsDoctorCannotKnowAreTakenToMatch() {
    assertThat(matches(Map.of("account", List.of("123456789012"), "source", List.of("aws.autoscaling")))).isTrue();
    assertThat(EventPatterns.matches(Map.of("account", List.of("123456789012")), EVENT, Set.of())).isFalse();
  }

  @Test
  void existsIsAboutLeavesAndAnythingButAPrefixAboutStrings() {
    Map<String, Object> event = Map.of("detail", Map.of("Nested", Map.of("a", "b"), "Count", 3));
    assertThat(EventPatterns.matches(Map.of("detail", Map.of("Nested", List.of(Map.of("exists", true)))), event))
        .isFalse();
    assertThat(EventPatterns.matches(Map.of("detail", Map.of("Count", List.of(Map.of("exists", true)))), event))
        .isTrue();
    assertThat(EventPatterns.matches(
        Map.of("detail", Map.of("Count", List.of(Map.of("anything-but", Map.of("prefix", "x"))))), event)).isFalse();
  }

  @Test
  void patternsItWouldNotMatchAsEventBridgeDoesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> EventPatterns.requireSupported(
        Map.of("detail", Map.of("Count", List.of(Map.of("numeric", List.of(">", 1)))))))
        .hasMessage("pattern.detail.Count: content filter numeric is not supported");
    assertThatThrownBy(() -> EventPatterns.requireSupported(Map.of("source", "aws.autoscaling")))
        .hasMessage("pattern.source must be an object or a non-empty list, got aws.autoscaling");
    assertThatThrownBy(() -> EventPatterns.requireSupported(Map.of("$or", List.of())))
        .hasMessage("pattern.$or: $or is not supported");
    assertThatThrownBy(() -> EventPatterns.requireSupported(Map.of())).hasMessage("pattern must be a non-empty object of fields");
    assertThatThrownBy(() -> EventPatterns.requireSupported(Map.of("source", List.of(Map.of("exists", "yes")))))
        .hasMessage("pattern.source: exists does not take yes");
    EventPatterns.requireSupported(Map.of("source", List.of("aws.autoscaling", Map.of("wildcard", "aws.*"))));
  }
}
