package io.warmgate.emulator.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Resources come in CloudFormation's order: each after what it names. */
class StackTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ordersEachResourceAfterWhatItRefersToOrDependsOn() throws Exception {
    StackTemplate t = StackTemplate.of("S", JSON.readTree("""
        {"Resources": {
          "Pool": {"Type": "AWS::AutoScaling::WarmPool", "Properties": {"AutoScalingGroupName": {"Ref": "Group"}}},
          "Group": {"Type": "AWS::AutoScaling::AutoScalingGroup", "DependsOn": ["Rule"],
                    "Properties": {"LaunchTemplate": {"LaunchTemplateId": {"Ref": "Lt"},
                                   "Version": {"Fn::GetAtt": ["Lt", "LatestVersionNumber"]}}}},
          "Rule": {"Type": "AWS::Events::Rule", "Properties": {"Targets": [{"Arn": {"Fn::Sub": "${Fn.Arn}"}}]}},
          "Fn": {"Type": "AWS::Lambda::Function", "Properties": {}},
          "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {}}
        }}"""));

    assertThat(t.creationOrder()).containsExactly("Fn", "Rule", "Lt", "Group", "Pool");
  }

  @Test
  void refusesACycle() throws Exception {
    assertThatThrownBy(() -> StackTemplate.of("S", JSON.readTree("""
        {"Resources": {"A": {"Type": "X", "Properties": {"B": {"Ref": "B"}}},
                       "B": {"Type": "X", "Properties": {"A": {"Ref": "A"}}}}}""")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
  }
}
