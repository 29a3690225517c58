package io.warmgate.cdk.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

class AttachSettingsTest {

  private static AttachSettings read(Map<String, Object> context) {
    return AttachSettings.fromContext(App.Builder.create().context(context).build().getNode());
  }

  private static Map<String, Object> valid() {
    Map<String, Object> context = new HashMap<>(AttachAppTest.CONTEXT);
    context.remove("healthPort");
    context.remove("alarmEmail");
    context.remove("healthPath");
    return context;
  }

  @Test
  void readsCommaSeparatedSubnetsAndDefaultsThePortAndPath() {
    AttachSettings settings = read(valid());

    assertThat(settings.subnetIds()).containsExactly("subnet-0123456789abcdef0", "subnet-0fedcba9876543210");
    assertThat(settings.healthPort()).isEqualTo(80);
    // The gate's own defaults, as the construct's policy has them.
    assertThat(settings.healthPath()).isEqualTo("/");
    assertThat(settings.healthCodes()).isEqualTo("200-299");
    assertThat(settings.deadline()).isEqualTo(java.time.Duration.ofMinutes(30));
    assertThat(settings.shadow()).isFalse();
    assertThat(settings.alarmTopicArn()).isNull();
  }

  @Test
  void readsAnAlarmTopicArnAndRejectsWhatIsNotOne() {
    Map<String, Object> context = valid();
    context.put("alarmTopicArn", "arn:aws:sns:eu-west-1:123456789012:gate-alerts");
    assertThat(read(context).alarmTopicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:gate-alerts");

    context.put("alarmTopicArn", "arn:aws:sqs:eu-west-1:123456789012:queue");
    assertThatThrownBy(() -> read(context))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alarmTopicArn");
  }

  @Test
  void readsTheDeadlineAsAnIsoDuration() {
    Map<String, Object> context = valid();
    context.put("deadline", "PT40M");
    context.put("healthCodes", "200");
    context.put("shadow", "true");

    AttachSettings settings = read(context);

    assertThat(settings.deadline()).isEqualTo(java.time.Duration.ofMinutes(40));
    assertThat(settings.healthCodes()).isEqualTo("200");
    assertThat(settings.shadow()).isTrue();
  }

  @Test
  void readsTheDeadlineInTheOneDurationGrammarAndRejectsABareNumber() {
    Map<String, Object> context = valid();
    context.put("deadline", "25m");
    assertThat(read(context).deadline()).isEqualTo(java.time.Duration.ofMinutes(25));

    context.put("deadline", "25");
    assertThatThrownBy(() -> read(context))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("context 'deadline': expected a duration with a unit, like 25s, got '25'");
  }

  @Test
  void readsSubnetsGivenAsAJsonListAndAPortGivenAsText() {
    Map<String, Object> context = valid();
    context.put("subnetIds", List.of("subnet-0123456789abcdef0"));
    context.put("healthPort", "8443");

    AttachSettings settings = read(context);

    assertThat(settings.subnetIds()).containsExactly("subnet-0123456789abcdef0");
    assertThat(settings.healthPort()).isEqualTo(8443);
  }

  @Test
  void aMissingGroupNameSaysWhichContextKeyToPass() {
    Map<String, Object> context = valid();
    context.remove("groupName");

    assertThatThrownBy(() -> read(context))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-c groupName=");
  }

  @Test
  void rejectsMalformedIds() {
    Map<String, Object> context = valid();
    context.put("subnetIds", "subnet-xyz");

    assertThatThrownBy(() -> read(context))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subnet-xyz");
  }

  @Test
  void rejectsAPortThatIsNotANumber() {
    Map<String, Object> context = valid();
    context.put("healthPort", "eighty");

    assertThatThrownBy(() -> read(context))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("healthPort");
  }

  @Test
  void readsAnAlarmEmailButNotBesideAnAlarmTopic() {
    Map<String, Object> context = valid();
    context.put("alarmEmail", "ops@example.com");
    assertThat(read(context).alarmEmail()).isEqualTo("ops@example.com");

    context.put("alarmTopicArn", "arn:aws:sns:us-east-1:123456789012:alerts");
    assertThatThrownBy(() -> read(context)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
  }

  @Test
  void needsEitherTheInstancesGroupOrTheVpcCidr() {
    Map<String, Object> context = valid();
    context.remove("securityGroupId");

    assertThatThrownBy(() -> read(context)).isInstanceOf(IllegalStateException.class);
    context.put("vpcCidr", "10.0.0.0/16");
    assertThat(read(context).vpcCidr()).isEqualTo("10.0.0.0/16");
  }
}
