package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventPatternTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LAUNCH = """
      {"version":"0","source":"aws.autoscaling","detail-type":"EC2 Instance-launch Lifecycle Action",
       "resources":["arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:u:autoScalingGroupName/web"],
       "detail":{"AutoScalingGroupName":"web","LifecycleHookName":"warmgate-ready","Origin":"EC2",
                 "Destination":"WarmPool","NotificationMetadata":"{}","Count":3}}""";

  @Test
  void exactValuesInListsMatchAnyOfThemAndNestedObjectsRecurse() {
    assertThat(matches("""
        {"source":["aws.autoscaling"],"detail-type":["EC2 Instance-launch Lifecycle Action"],
         "detail":{"AutoScalingGroupName":["other","web"],"LifecycleHookName":["warmgate-ready"]}}""")).isTrue();
    assertThat(matches("{\"detail\":{\"AutoScalingGroupName\":[\"other\"]}}")).isFalse();
    assertThat(matches("{\"detail-type\":[\"EC2 Instance-terminate Lifecycle Action\"]}")).isFalse();
  }

  @Test
  void fieldsThePatternDoesNotNameAreIgnoredButEveryNamedFieldMustMatch() {
    assertThat(matches("{\"source\":[\"aws.autoscaling\"]}")).isTrue();
    assertThat(matches("{\"source\":[\"aws.autoscaling\"],\"detail\":{\"Missing\":[\"x\"]}}")).isFalse();
  }

  @Test
  void aListInTheEventMatchesWhenAnyElementDoes() {
    assertThat(matches("{\"resources\":[{\"suffix\":\"autoScalingGroupName/web\"}]}")).isTrue();
    assertThat(matches("{\"resources\":[{\"prefix\":\"arn:aws:ec2:\"}]}")).isFalse();
  }

  @Test
  void prefixAnythingButAndExistsFilterContent() {
    assertThat(matches("{\"detail\":{\"LifecycleHookName\":[{\"prefix\":\"warmgate-\"}]}}")).isTrue();
    assertThat(matches("{\"detail\":{\"Origin\":[{\"anything-but\":[\"WarmPool\",\"AutoScalingGroup\"]}]}}")).isTrue();
    assertThat(matches("{\"detail\":{\"Destination\":[{\"anything-but\":\"WarmPool\"}]}}")).isFalse();
    assertThat(matches("{\"detail\":{\"Destination\":[{\"anything-but\":{\"prefix\":\"Auto\"}}]}}")).isTrue();
    assertThat(matches("{\"detail\":{\"Origin\":[{\"exists\":true}]}}")).isTrue();
    assertThat(matches("{\"detail\":{\"LifecycleActionToken\":[{\"exists\":false}]}}")).isTrue();
    assertThat(matches("{\"detail\":{\"Origin\":[{\"exists\":false}]}}")).isFalse();
    assertThat(matches("{\"detail\":{\"Origin\":[{\"equals-ignore-case\":\"ec2\"}]}}")).isTrue();
  }

  @Test
  void anythingButDoesNotMatchAnAbsentField() {
    assertThat(matches("{\"detail\":{\"LifecycleActionToken\":[{\"anything-but\":\"x\"}]}}")).isFalse();
  }

  @Test
  void exactMatchesKeepTheirType() {
    assertThat(matches("{\"detail\":{\"Count\":[3]}}")).isTrue();
    assertThat(matches("{\"detail\":{\"Count\":[\"3\"]}}")).isFalse();
    assertThat(matches("{\"version\":[0]}")).isFalse();
  }

  @Test
  void unsupportedOrMalformedPatternsAreRefused() {
    assertThatThrownBy(() -> pattern("{\"detail\":{\"Count\":[{\"numeric\":[\">\",1]}]}}"))
        .hasMessageContaining("content filter numeric is not supported");
    assertThatThrownBy(() -> pattern("{\"source\":\"aws.autoscaling\"}"))
        .hasMessageContaining("pattern.source must be an object or a non-empty list");
    assertThatThrownBy(() -> pattern("{\"$or\":[]}")).hasMessageContaining("$or is not supported");
    assertThatThrownBy(() -> pattern("{}")).hasMessageContaining("non-empty object");
  }

  private static boolean matches(String pattern) {
    try {
      return pattern(pattern).matches(JSON.readTree(LAUNCH));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static EventPattern pattern(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return EventPattern.of(node);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
