package io.warmgate.emulator.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replay resolves what it can know locally and names what it cannot. */
class IntrinsicsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Intrinsics in = new Intrinsics("Stack", "us-east-1", "123456789012", json("""
      {"Ami": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", "Default": "/aws/service/ami"},
       "Size": {"Type": "Number", "Default": "3"}}"""), Map.of());

  @Test
  void resolvesPseudoParametersJoinSubSelectAndSplit() {
    in.defineRef("Alias", "arn:aws:lambda:us-east-1:123456789012:function:gate:live");
    in.defineAttribute("Fn", "Arn", "arn:aws:lambda:us-east-1:123456789012:function:gate");

    assertThat(in.text(json("{\"Fn::Join\": [\":\", [\"arn\", {\"Ref\": \"AWS::Partition\"}, {\"Ref\": \"AWS::Region\"}]]}")))
        .isEqualTo("arn:aws:us-east-1");
    assertThat(in.text(json("{\"Fn::Sub\": \"${AWS::StackName}-${Fn.Arn}\"}")))
        .isEqualTo("Stack-arn:aws:lambda:us-east-1:123456789012:function:gate");
    assertThat(in.text(json("{\"Fn::Select\": [7, {\"Fn::Split\": [\":\", {\"Ref\": \"Alias\"}]}]}"))).isEqualTo("live");
    assertThat(in.integer(json("{\"Ref\": \"Size\"}"))).isEqualTo(3);
  }

  @Test
  void refusesAnSsmParameterWithoutAGivenValueNamingIt() {
    assertThatThrownBy(() -> in.text(json("{\"Ref\": \"Ami\"}")))
        .isInstanceOf(UnresolvableIntrinsicException.class)
        .hasMessageContaining("Ref Ami").hasMessageContaining("--parameter Ami=VALUE");
  }

  @Test
  void refusesWhatItCannotResolveNamingTheIntrinsic() {
    assertThatThrownBy(() -> in.text(json("{\"Fn::ImportValue\": \"shared-vpc\"}")))
        .isInstanceOf(UnresolvableIntrinsicException.class).hasMessageContaining("Fn::ImportValue");
    assertThatThrownBy(() -> in.text(json("{\"Ref\": \"Nowhere\"}")))
        .isInstanceOf(UnresolvableIntrinsicException.class).hasMessageContaining("Ref Nowhere");
    assertThatThrownBy(() -> in.text(json("{\"Fn::GetAtt\": [\"Queue\", \"Arn\"]}")))
        .isInstanceOf(UnresolvableIntrinsicException.class).hasMessageContaining("Fn::GetAtt Queue.Arn");
  }

  @Test
  void aResourceNotModeledResolvesToAnArnNamingItAsSuch() {
    in.defineNotModeled("Queue", "arn:aws:cloudformation:us-east-1:123456789012:not-modeled/Queue");

    assertThat(in.text(json("{\"Fn::GetAtt\": [\"Queue\", \"Arn\"]}"))).endsWith("not-modeled/Queue");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
