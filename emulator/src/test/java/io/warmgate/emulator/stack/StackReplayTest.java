package io.warmgate.emulator.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.WarmPoolEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack replay creates what the emulator models, lists the rest and refuses what it cannot resolve. */
class StackReplayTest {

  private static final String TEMPLATE = """
      {"Parameters": {"Ami": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", "Default": "/aws/ami"}},
       "Resources": {
         "Queue": {"Type": "AWS::SQS::Queue"},
         "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {
           "LaunchTemplateData": {"ImageId": {"Ref": "Ami"}, "InstanceType": "t3.micro"}}},
         "Group": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {
           "AutoScalingGroupName": "replayed", "MinSize": "1", "MaxSize": "2",
           "LaunchTemplate": {"LaunchTemplateId": {"Ref": "Lt"}, "Version": {"Fn::GetAtt": ["Lt", "LatestVersionNumber"]}},
           "LifecycleHookSpecificationList": [{"LifecycleHookName": "gate",
             "LifecycleTransition": "autoscaling:EC2_INSTANCE_LAUNCHING", "HeartbeatTimeout": 60,
             "NotificationMetadata": {"Fn::Join": ["", ["{\\"queue\\":\\"", {"Fn::GetAtt": ["Queue", "Arn"]}, "\\"}"]]}}]}}
       }}""";

  @TempDir
  Path dir;

  @Test
  void createsTheGroupWithItsHookInOrderAndListsWhatItDoesNotModel() throws IOException {
    Path template = write(TEMPLATE);

    try (StackReplay replay = StackReplay.builder(template).parameters(Map.of("Ami", "ami-0abcdef1234567890"))
        .emulator(WarmPoolEmulator.builder().bootProfile(BootProfile.instant())).bootProfile("instant")
        .workDir(dir.resolve("work")).start()) {

      assertThat(replay.plan()).contains("not modeled: Queue (AWS::SQS::Queue)");
      assertThat(replay.plan()).anyMatch(l -> l.startsWith("created: Lt (launch template"))
          .anyMatch(l -> l.equals("created: Group (group replayed, 1 hook(s) with it)"));
      assertThat(replay.groups()).containsExactly("replayed");
      // The hook holds the group's first instance: the replay made it with the group, as the template does.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> replay.emulator().activeActions().size() == 1);
    }
  }

  @Test
  void aHookOnAGroupTheTemplateDoesNotCreateGetsAStandInGroupWithItsOwnLaunchTemplate() throws IOException {
    Path template = write("""
        {"Resources": {"Hook": {"Type": "AWS::AutoScaling::LifecycleHook", "Properties": {
          "AutoScalingGroupName": "existing", "LifecycleHookName": "gate",
          "LifecycleTransition": "autoscaling:EC2_INSTANCE_LAUNCHING", "HeartbeatTimeout": 60}}}}""");

    try (StackReplay replay = StackReplay.builder(template)
        .emulator(WarmPoolEmulator.builder().bootProfile(BootProfile.instant())).bootProfile("instant")
        .standInGroup(3, 0).workDir(dir.resolve("work")).start()) {

      assertThat(replay.plan()).anyMatch(l -> l.startsWith("not in the template: group existing (an existing group;"
          + " created empty: MinSize 0, MaxSize 3, boot profile instant)"))
          .contains("created: Hook (hook gate on existing)");
      assertThat(replay.groups()).containsExactly("existing");
    }
  }

  @Test
  void refusesAnIntrinsicItCannotResolveNamingIt() throws IOException {
    Path template = write(TEMPLATE);

    assertThatThrownBy(() -> StackReplay.builder(template).workDir(dir.resolve("work")).start())
        .isInstanceOf(UnresolvableIntrinsicException.class)
        .hasMessageContaining("Ref Ami").hasMessageContaining("--parameter Ami=VALUE");
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("Replayed.template.json");
    Files.writeString(file, text);
    return file;
  }
}
