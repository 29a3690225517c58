package io.warmgate.emulator.internal.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IamPolicyTest {

  @Test
  void aSingleStatementObjectAndAListAreBothAccepted() {
    IamPolicy single = IamPolicy.parse("""
        {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}}""",
        "one.json");
    IamPolicy list = IamPolicy.parse("""
        {"Statement":[{"Sid":"A","Effect":"Deny","NotAction":["ec2:*","autoscaling:Describe*"],"NotResource":"*"}]}""",
        "list.json");

    assertThat(single.statements()).singleElement().satisfies(s -> {
      assertThat(s.effect()).isEqualTo(Effect.ALLOW);
      assertThat(s.actions()).containsExactly("ec2:describeinstances");
      assertThat(s.resources()).containsExactly("*");
    });
    assertThat(list.statements()).singleElement().satisfies(s -> {
      assertThat(s.sid()).isEqualTo("A");
      assertThat(s.notAction()).isTrue();
      assertThat(s.notResource()).isTrue();
    });
  }

  @Test
  void conditionsAreReadWithTheirOperatorKeyAndValues() {
    IamPolicy policy = IamPolicy.parse("""
        {"Statement":{"Effect":"Allow","Action":"*","Resource":"*",
          "Condition":{"StringEqualsIfExists":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}}}""", "c.json");

    assertThat(policy.statements().get(0).conditions()).containsExactly(
        new PolicyCondition("StringEquals", true, "aws:requestedregion", java.util.List.of("us-east-1", "eu-west-1")));
  }

  @Test
  void aMalformedDocumentIsOneLineNamingTheSourceAndTheField() {
    assertMalformed("{\"Statement\":[{\"Effect\":\"Permit\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
        "p.json: Statement[0].Effect must be Allow or Deny");
    assertMalformed("{\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}", "p.json: Statement[0].Action is missing");
    assertMalformed("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"ec2:*\",\"Resource\":\"*\"}}",
        "p.json: Statement.Action and NotAction exclude each other");
    assertMalformed("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":{\"Fn::Join\":[]}}]}",
        "p.json: Statement[0].Resource must be a string or a non-empty list of strings");
    assertMalformed("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"DescribeTags\",\"Resource\":\"*\"}]}",
        "p.json: Statement[0].Action has 'DescribeTags', not service:Action or *");
    assertMalformed("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Principal\":\"*\"}]}",
        "p.json: Statement[0].Principal is not allowed in an identity-based policy");
    assertMalformed("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
        + "\"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}}]}",
        "p.json: Statement[0].Condition.NumericLessThan is not a supported condition operator");
    assertMalformed("{\"Version\":\"2012-10-17\"}", "p.json: Statement is missing");
    assertMalformed("{\"Statement\":[]}", "p.json: Statement must be an object or a non-empty list");
    assertMalformed("{\"Statment\":[]}", "p.json: Statment is not a policy field");
    assertMalformed("{\"Statement\": [", "p.json: document is not JSON");
    assertMalformed("[]", "p.json: document must be a JSON object");
  }

  private static void assertMalformed(String json, String message) {
    assertThatThrownBy(() -> IamPolicy.parse(json, "p.json"))
        .isInstanceOf(MalformedPolicyException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
