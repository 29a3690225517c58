package io.warmgate.cdk.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.cdk.SynthesizedStack;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;

/** {@code cdk synth -c readiness=console -c groupName=win}: the gate with no VPC at all. */
class AttachConsoleReadinessTest {

  @Test
  void consoleReadinessNeedsOnlyTheGroupNameAndDeploysNoNetworkAtAll() {
    Map<String, Object> context = Map.of("groupName", "win", "readiness", "console", "deadline", "40m");
    AttachSettings settings = AttachSettings.fromContext(App.Builder.create().context(context).build().getNode());
    assertThat(settings.readiness()).isEqualTo(AttachSettings.Readiness.CONSOLE);

    SynthesizedStack stack = SynthesizedStack.synth(() -> {
      App app = App.Builder.create().context(context).build();
      new AttachStack(app, "Attach", StackProps.builder().build(), AttachSettings.fromContext(app.getNode()));
      return app;
    }, "Attach");

    stack.template().resourceCountIs("AWS::EC2::SecurityGroup", 0);
    stack.template().resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
    stack.template().hasResourceProperties("AWS::Lambda::Function", Map.of("VpcConfig", Match.absent()));
    stack.template().hasResourceProperties("AWS::AutoScaling::LifecycleHook", Map.of(
        "NotificationMetadata", Match.stringLikeRegexp(".*\"probes\":\"ec2console\".*")));
    stack.template().hasResourceProperties("AWS::AutoScaling::LifecycleHook", Map.of(
        "NotificationMetadata", Match.stringLikeRegexp(".*\"deadline\":\"PT40M\".*")));
    assertThat(stack.allowedActions()).contains("ec2:GetConsoleOutput").doesNotContain("ec2:CreateNetworkInterface");
  }

  @Test
  void anUnknownReadinessIsRefused() {
    assertThatThrownBy(() -> AttachSettings.fromContext(App.Builder.create()
        .context(Map.of("groupName", "win", "readiness", "telepathy")).build().getNode()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or console");
  }
}
