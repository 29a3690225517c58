package io.warmgate.emulator;

import static io.warmgate.testing.EmulatedAws.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * Checks launch template versions against the EC2 API reference:
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplateVersion.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeLaunchTemplateVersions.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyLaunchTemplate.html and
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteLaunchTemplate.html; and that a group resolves
 * {@code $Latest} and {@code $Default} when it launches, as
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplateSpecification.html describes.
 */
class ApiCreateLaunchTemplateVersionTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static EmulatedAws s;

  @BeforeAll
  static void start() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(21L));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static LaunchTemplateVersion addVersion(String template, String type, String description) {
    return s.ec2().createLaunchTemplateVersion(r -> r.launchTemplateName(template).sourceVersion("1")
        .versionDescription(description).launchTemplateData(d -> d.instanceType(type))).launchTemplateVersion();
  }

  private static LaunchTemplate describe(String template) {
    return s.ec2().describeLaunchTemplates(r -> r.launchTemplateNames(template)).launchTemplates().get(0);
  }

  @Test
  void aNewVersionIsTheLatestNotTheDefaultAndInheritsFromItsSource() {
    s.launchTemplate("versions", "instant");

    LaunchTemplateVersion v2 = addVersion("versions", "m5.large", "bigger");

    assertThat(v2.versionNumber()).isEqualTo(2L);
    assertThat(v2.defaultVersion()).isFalse();
    assertThat(v2.versionDescription()).isEqualTo("bigger");
    assertThat(v2.launchTemplateData().instanceTypeAsString()).isEqualTo("m5.large");
    assertThat(v2.launchTemplateData().imageId()).isEqualTo(EmulatedAws.IMAGE_ID);
    LaunchTemplate lt = describe("versions");
    assertThat(lt.latestVersionNumber()).isEqualTo(2L);
    assertThat(lt.defaultVersionNumber()).isEqualTo(1L);
  }

  @Test
  void describeLaunchTemplateVersionsResolvesLatestAndDefaultAndLeavesUnsetDataOut() {
    s.launchTemplate("describe-versions", "instant");
    addVersion("describe-versions", "c5.large", null);

    List<LaunchTemplateVersion> all = s.ec2().describeLaunchTemplateVersions(r -> r
        .launchTemplateName("describe-versions")).launchTemplateVersions();
    List<LaunchTemplateVersion> aliases = s.ec2().describeLaunchTemplateVersions(r -> r
        .launchTemplateName("describe-versions").versions("$Latest", "$Default")).launchTemplateVersions();

    assertThat(all).extracting(LaunchTemplateVersion::versionNumber).containsExactly(1L, 2L);
    assertThat(all.get(1).versionDescription()).isNull();
    assertThat(all.get(1).launchTemplateData().userData()).isNull();
    assertThat(all.get(1).launchTemplateData().disableApiTermination()).isNull();
    assertThat(aliases).extracting(LaunchTemplateVersion::versionNumber).containsExactly(2L, 1L);
    assertThat(aliases).extracting(LaunchTemplateVersion::defaultVersion).containsExactly(false, true);
  }

  @Test
  void modifyLaunchTemplateMovesTheDefaultVersion() {
    s.launchTemplate("modify", "instant");
    addVersion("modify", "c5.xlarge", null);

    LaunchTemplate modified = s.ec2().modifyLaunchTemplate(r -> r.launchTemplateName("modify").defaultVersion("2"))
        .launchTemplate();

    assertThat(modified.defaultVersionNumber()).isEqualTo(2L);
    assertThat(describe("modify").defaultVersionNumber()).isEqualTo(2L);
    AwsServiceException missing = awsError(() -> s.ec2().modifyLaunchTemplate(r -> r.launchTemplateName("modify")
        .defaultVersion("9")));
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidLaunchTemplateId.VersionNotFound");
  }

  @Test
  void aGroupWithoutAVersionLeavesVersionOutAndLaunchesTheDefaultVersion() {
    s.launchTemplate("default-launch", "instant");
    addVersion("default-launch", "c5.2xlarge", null);
    s.ec2().modifyLaunchTemplate(r -> r.launchTemplateName("default-launch").defaultVersion("2"));

    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("default-launch").minSize(1).maxSize(1)
        .launchTemplate(t -> t.launchTemplateName("default-launch")));

    var group = s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("default-launch"))
        .autoScalingGroups().get(0);
    assertThat(group.launchTemplate().launchTemplateName()).isEqualTo("default-launch");
    assertThat(group.launchTemplate().version()).isNull();
    await().atMost(WAIT).until(() -> s.inService("default-launch").size() == 1);
    assertThat(s.inService("default-launch").get(0).instanceType()).isEqualTo("c5.2xlarge");
  }

  @Test
  void aGroupOnLatestLaunchesTheVersionThatIsLatestWhenItLaunches() {
    s.launchTemplate("latest-launch", "instant");
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("latest-launch").minSize(0).maxSize(2)
        .desiredCapacity(0).launchTemplate(t -> t.launchTemplateName("latest-launch").version("$Latest")));
    addVersion("latest-launch", "r5.large", null);

    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("latest-launch").desiredCapacity(1));

    await().atMost(WAIT).until(() -> s.inService("latest-launch").size() == 1);
    String id = s.inService("latest-launch").get(0).instanceId();
    assertThat(s.inService("latest-launch").get(0).instanceType()).isEqualTo("r5.large");
    assertThat(s.ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).tags())
        .anySatisfy(t -> {
          assertThat(t.key()).isEqualTo("aws:ec2launchtemplate:version");
          assertThat(t.value()).isEqualTo("2");
        });
    assertThat(s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("latest-launch"))
        .autoScalingGroups().get(0).launchTemplate().version()).isEqualTo("$Latest");
  }

  @Test
  void deleteLaunchTemplateRemovesItAndItsVersions() {
    String id = s.launchTemplate("to-delete", "instant");

    LaunchTemplate deleted = s.ec2().deleteLaunchTemplate(r -> r.launchTemplateId(id)).launchTemplate();

    assertThat(deleted.launchTemplateName()).isEqualTo("to-delete");
    AwsServiceException gone = awsError(() -> s.ec2().describeLaunchTemplateVersions(r -> r.launchTemplateId(id)));
    assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("InvalidLaunchTemplateId.NotFound");
    assertThat(gone.awsErrorDetails().errorMessage())
        .isEqualTo("The specified launch template, with template ID " + id + ", does not exist.");
  }

  @Test
  void theAwsCliCreatesAndDescribesVersions() throws Exception {
    assumeTrue(AwsCli.onPath(), "aws CLI not on PATH");
    s.launchTemplate("cli-versions", "instant");
    AwsCli cli = new AwsCli(s.endpoint());

    AwsCli.Result created = cli.run("ec2", "create-launch-template-version", "--launch-template-name", "cli-versions",
        "--source-version", "1", "--launch-template-data", "{\"InstanceType\":\"m5.xlarge\"}");
    AwsCli.Result modified = cli.run("ec2", "modify-launch-template", "--launch-template-name", "cli-versions",
        "--default-version", "2");
    AwsCli.Result described = cli.run("ec2", "describe-launch-template-versions", "--launch-template-name",
        "cli-versions", "--versions", "$Default");

    assertThat(created.exitCode()).as(created.output()).isZero();
    assertThat(created.output()).contains("\"VersionNumber\": 2", "\"InstanceType\": \"m5.xlarge\"");
    assertThat(modified.exitCode()).as(modified.output()).isZero();
    assertThat(modified.output()).contains("\"DefaultVersionNumber\": 2", "\"LatestVersionNumber\": 2");
    assertThat(described.output()).contains("\"VersionNumber\": 2", "\"DefaultVersion\": true");
  }
}
