package io.warmgate.emulator.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Patterns match as EventBridge matches them, or are refused when read. */
class RulePatternTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void matchesEveryNamedFieldAgainstItsListOfValues() throws Exception {
    RulePattern p = RulePattern.of(JSON.readTree("""
        {"source": ["aws.autoscaling"], "detail-type": ["EC2 Instance-launch Lifecycle Action"],
         "detail": {"AutoScalingGroupName": ["web"], "LifecycleHookName": [{"prefix": "warm"}]}}"""));

    assertThat(p.matches(JSON.readTree("""
        {"source": "aws.autoscaling", "detail-type": "EC2 Instance-launch Lifecycle Action",
         "detail": {"AutoScalingGroupName": "web", "LifecycleHookName": "warmgate-launch", "Other": 1}}"""))).isTrue();
    assertThat(p.matches(JSON.readTree("""
        {"source": "aws.autoscaling", "detail-type": "EC2 Instance-launch Lifecycle Action",
         "detail": {"AutoScalingGroupName": "other", "LifecycleHookName": "warmgate-launch"}}"""))).isFalse();
    assertThat(p.matches(JSON.readTree("{\"source\": \"aws.autoscaling\"}"))).isFalse();
  }

  @Test
  void refusesAFilterItDoesNotMatch() {
    assertThatThrownBy(() -> RulePattern.of(JSON.readTree("{\"detail\": {\"n\": [{\"numeric\": [\">\", 1]}]}}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric");
  }
}
