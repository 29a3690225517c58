package io.warmgate.emulator.internal.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WildcardsTest {

  @Test
  void aStarMatchesAnyRunOfCharactersIncludingNone() {
    assertThat(Wildcards.matches("autoscaling:describe*", "autoscaling:describetags")).isTrue();
    assertThat(Wildcards.matches("autoscaling:describe*", "autoscaling:describe")).isTrue();
    assertThat(Wildcards.matches("*", "")).isTrue();
    assertThat(Wildcards.matches("a*b*c", "axxbyybzc")).isTrue();
    assertThat(Wildcards.matches("a*b*c", "axxbyybz")).isFalse();
  }

  @Test
  void aQuestionMarkMatchesExactlyOneCharacter() {
    assertThat(Wildcards.matches("ec2:describe?nstances", "ec2:describeinstances")).isTrue();
    assertThat(Wildcards.matches("ec2:describe?nstances", "ec2:describenstances")).isFalse();
  }

  @Test
  void withoutWildcardsTheWholeTextMustBeEqual() {
    assertThat(Wildcards.matches("arn:aws:autoscaling:us-east-1:1:autoScalingGroup:*:autoScalingGroupName/web",
        "arn:aws:autoscaling:us-east-1:1:autoScalingGroup:5e0c:autoScalingGroupName/web")).isTrue();
    assertThat(Wildcards.matches("arn:aws:autoscaling:us-east-1:1:autoScalingGroup:*:autoScalingGroupName/web",
        "arn:aws:autoscaling:us-east-1:1:autoScalingGroup:5e0c:autoScalingGroupName/web2")).isFalse();
  }
}
