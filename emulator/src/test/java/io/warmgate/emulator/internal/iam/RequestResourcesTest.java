package io.warmgate.emulator.internal.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestResourcesTest {

  private static final String WEB = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid-1:autoScalingGroupName/web";

  private final RequestResources table = new RequestResources("us-east-1", "123456789012", new RequestResources.Directory() {
    @Override
    public String groupArn(String groupName) {
      return groupName.equals("web") ? WEB : null;
    }

    @Override
    public String groupOfInstance(String instanceId) {
      return instanceId.equals("i-1") ? "web" : null;
    }

    @Override
    public String launchTemplateId(String name) {
      return name.equals("web-lt") ? "lt-0abc" : null;
    }
  });

  @Test
  void groupScopedAutoScalingOperationsActOnTheGroupsArn() {
    assertThat(table.of(false, "CompleteLifecycleAction", Map.of("AutoScalingGroupName", "web"))).containsExactly(WEB);
    assertThat(table.of(false, "TerminateInstanceInAutoScalingGroup", Map.of("InstanceId", "i-1"))).containsExactly(WEB);
    assertThat(table.of(false, "CreateOrUpdateTags", Map.of("Tags.member.1.ResourceId", "web"))).containsExactly(WEB);
  }

  @Test
  void aGroupThatDoesNotExistYetHasAWildcardInPlaceOfItsUuid() {
    assertThat(table.of(false, "CreateAutoScalingGroup", Map.of("AutoScalingGroupName", "new")))
        .containsExactly("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/new");
  }

  @Test
  void describesActOnEveryResource() {
    assertThat(table.of(false, "DescribeTags", Map.of())).containsExactly("*");
    assertThat(table.of(false, "DescribeAutoScalingGroups", Map.of("AutoScalingGroupNames.member.1", "web")))
        .containsExactly("*");
    assertThat(table.of(true, "DescribeInstances", Map.of("InstanceId.1", "i-1"))).containsExactly("*");
  }

  @Test
  void ec2InstanceOperationsActOnEachInstance() {
    assertThat(table.of(true, "StopInstances", Map.of("InstanceId.1", "i-1", "InstanceId.2", "i-2"))).containsExactly(
        "arn:aws:ec2:us-east-1:123456789012:instance/i-1", "arn:aws:ec2:us-east-1:123456789012:instance/i-2");
    assertThat(table.of(true, "CreateTags", Map.of("ResourceId.1", "lt-0abc")))
        .containsExactly("arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0abc");
  }

  @Test
  void launchTemplateChangesActOnTheTemplateNamedByIdOrByName() {
    String arn = "arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0abc";
    assertThat(table.of(true, "ModifyLaunchTemplate", Map.of("LaunchTemplateId", "lt-0abc"))).containsExactly(arn);
    assertThat(table.of(true, "CreateLaunchTemplateVersion", Map.of("LaunchTemplateName", "web-lt")))
        .containsExactly(arn);
    assertThat(table.of(true, "DeleteLaunchTemplate", Map.of("LaunchTemplateName", "unknown")))
        .containsExactly("arn:aws:ec2:us-east-1:123456789012:launch-template/*");
    assertThat(table.of(true, "DescribeInstanceAttribute", Map.of("InstanceId", "i-1")))
        .containsExactly("arn:aws:ec2:us-east-1:123456789012:instance/i-1");
  }
}
