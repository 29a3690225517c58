package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.warmgate.testing.LoopbackClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;

/** The EventBridge rule API through the real SDK v2 client: rules can be created, found, targeted and removed. */
class EventBridgeApiTest {
  private static final String PATTERN = "{\"source\":[\"aws.autoscaling\"],\"detail-type\":[\"EC2 Instance-launch"
      + " Lifecycle Action\"],\"detail\":{\"AutoScalingGroupName\":[\"web\"]}}";

  private static WarmPoolEmulator emulator;
  private static EventBridgeClient events;

  @BeforeAll
  static void start() {
    emulator = WarmPoolEmulator.builder().start();
    events = LoopbackClients.eventBridge(emulator.endpoint());
  }

  @AfterAll
  static void stop() {
    events.close();
    emulator.close();
  }

  @Test
  void aRulePutWithAPatternIsListedWithItsArnPatternAndState() {
    String arn = events.putRule(r -> r.name("gate-launch").eventPattern(PATTERN).description("the gate")).ruleArn();

    List<Rule> rules = events.listRules(r -> r.namePrefix("gate-")).rules();

    assertThat(arn).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/gate-launch");
    assertThat(rules).singleElement().satisfies(rule -> {
      assertThat(rule.name()).isEqualTo("gate-launch");
      assertThat(rule.arn()).isEqualTo(arn);
      assertThat(rule.eventPattern()).isEqualTo(PATTERN);
      assertThat(rule.state()).isEqualTo(RuleState.ENABLED);
      assertThat(rule.eventBusName()).isEqualTo("default");
    });
    assertThat(events.describeRule(r -> r.name("gate-launch")).description()).isEqualTo("the gate");
  }

  @Test
  void listRulesPagesWithNextToken() {
    for (int k = 0; k < 3; k++) {
      int n = k;
      events.putRule(r -> r.name("page-" + n).scheduleExpression("rate(1 minute)").state(RuleState.DISABLED));
    }

    ListRulesResponse first = events.listRules(r -> r.namePrefix("page-").limit(2));
    ListRulesResponse second = events.listRules(r -> r.namePrefix("page-").limit(2).nextToken(first.nextToken()));

    assertThat(first.rules()).extracting(Rule::name).containsExactly("page-0", "page-1");
    assertThat(second.rules()).extracting(Rule::name).containsExactly("page-2");
    assertThat(second.nextToken()).isNull();
    assertThat(second.rules().get(0).state()).isEqualTo(RuleState.DISABLED);
  }

  @Test
  void targetsAreKeptAndARuleWithTargetsCannotBeDeleted() {
    events.putRule(r -> r.name("targeted").eventPattern(PATTERN));
    events.putTargets(r -> r.rule("targeted").targets(Target.builder().id("fn")
        .arn("arn:aws:lambda:us-east-1:123456789012:function:gate").build()));

    assertThat(events.listTargetsByRule(r -> r.rule("targeted")).targets()).extracting(Target::id).containsExactly("fn");
    EventBridgeException refused = catchThrowableOfType(() -> events.deleteRule(r -> r.name("targeted")),
        EventBridgeException.class);
    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationException");

    events.removeTargets(r -> r.rule("targeted").ids("fn"));
    events.deleteRule(r -> r.name("targeted"));
    assertThat(events.listRules(r -> r.namePrefix("targeted")).rules()).isEmpty();
  }

  @Test
  void anAccessKeyWhosePolicyLacksListRulesIsDeniedAsEventBridgeDeniesIt(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("doctor.json"), """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"events:DescribeRule","Resource":"*"}]}""");
    try (WarmPoolEmulator restricted = WarmPoolEmulator.builder().iamPolicy("AKIADOCTOR=" + policy).start();
        EventBridgeClient admin = LoopbackClients.eventBridge(restricted.endpoint());
        EventBridgeClient doctor = LoopbackClients.eventBridge(restricted.endpoint(), "AKIADOCTOR")) {
      admin.putRule(r -> r.name("gate").eventPattern(PATTERN));

      EventBridgeException denied = catchThrowableOfType(() -> doctor.listRules(r -> r.namePrefix("gate")),
          EventBridgeException.class);

      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
      assertThat(denied.statusCode()).isEqualTo(400);
      assertThat(denied.awsErrorDetails().errorMessage()).contains("is not authorized to perform: events:ListRules");
      assertThat(doctor.describeRule(r -> r.name("gate")).name()).isEqualTo("gate");
    }
  }

  @Test
  void badInputGetsEventBridgeErrors() {
    assertThat(catchThrowableOfType(() -> events.putRule(r -> r.name("bad").eventPattern("{\"source\":\"x\"}")),
        InvalidEventPatternException.class)).isNotNull();
    assertThat(catchThrowableOfType(() -> events.putRule(r -> r.name("bad").eventPattern("not json")),
        InvalidEventPatternException.class)).isNotNull();
    assertThat(catchThrowableOfType(() -> events.describeRule(r -> r.name("missing")),
        ResourceNotFoundException.class)).hasMessageContaining("Rule missing does not exist on EventBus default.");
    assertThat(catchThrowableOfType(() -> events.listRules(r -> r.eventBusName("other")),
        ResourceNotFoundException.class)).isNotNull();
    EventBridgeException noPattern = catchThrowableOfType(() -> events.putRule(r -> r.name("empty")),
        EventBridgeException.class);
    assertThat(noPattern.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    EventBridgeException badName = catchThrowableOfType(() -> events.putRule(r -> r.name("no spaces")
        .eventPattern(PATTERN)), EventBridgeException.class);
    assertThat(badName.statusCode()).isEqualTo(400);
  }
}
