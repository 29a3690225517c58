package io.warmgate.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

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
}
