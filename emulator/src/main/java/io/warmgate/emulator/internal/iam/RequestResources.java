package io.warmgate.emulator.internal.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the resources an operation acts on, as the AWS Service Authorization Reference lists them
 * for Auto Scaling and EC2: group-scoped Auto Scaling operations on the group's ARN, EC2 instance
 * operations (and DescribeInstanceAttribute) on instance ARNs, launch template changes on the template's ARN,
 * every other Describe on {@code *}. The table is in docs/emulator.md.
 */
public final class RequestResources {

  /** What the table needs to know about the emulated world. */
  public interface Directory {
    /** The ARN of the named group, or null if there is none. */
    String groupArn(String groupName);

    /** The name of the group the instance belongs to, or null. */
    String groupOfInstance(String instanceId);

    /** The id of the launch template with this name, or null (none knows it). */
    default String launchTemplateId(String name) {
      return null;
    }
  }

  private static final Set<String> GROUP_BY_NAME = Set.of("CreateAutoScalingGroup", "UpdateAutoScalingGroup",
      "DeleteAutoScalingGroup", "SetDesiredCapacity", "PutWarmPool", "DeleteWarmPool", "PutLifecycleHook",
      "DeleteLifecycleHook", "CompleteLifecycleAction", "RecordLifecycleActionHeartbeat");
  private static final Set<String> EC2_INSTANCES = Set.of("StartInstances", "StopInstances", "TerminateInstances");
  private static final Set<String> EC2_LAUNCH_TEMPLATE = Set.of("CreateLaunchTemplateVersion", "ModifyLaunchTemplate",
      "DeleteLaunchTemplate");

  private final String region;
  private final String accountId;
  private final Directory directory;

  /** Creates the table for one emulated account and region. */
  public RequestResources(String region, String accountId, Directory directory) {
    this.region = region;
    this.accountId = accountId;
    this.directory = directory;
  }

  /** The ARNs that {@code operation} with these request parameters acts on; never empty. */
  public List<String> of(boolean ec2, String operation, Map<String, String> params) {
    List<String> out = new ArrayList<>();
    if (!ec2) {
      if (GROUP_BY_NAME.contains(operation)) {
        out.add(group(params.getOrDefault("AutoScalingGroupName", "")));
      } else if (operation.equals("TerminateInstanceInAutoScalingGroup")) {
        String group = directory.groupOfInstance(params.getOrDefault("InstanceId", ""));
        out.add(group == null ? group("*") : group(group));
      } else if (operation.equals("CreateOrUpdateTags") || operation.equals("DeleteTags")) {
        for (int n = 1; params.containsKey("Tags.member." + n + ".ResourceId"); n++) {
          out.add(group(params.get("Tags.member." + n + ".ResourceId")));
        }
      }
    } else if (EC2_INSTANCES.contains(operation)) {
      for (int n = 1; params.containsKey("InstanceId." + n); n++) {
        out.add(ec2("instance/" + params.get("InstanceId." + n)));
      }
    } else if (operation.equals("GetConsoleOutput")) {
      out.add(ec2("instance/" + params.getOrDefault("InstanceId", "")));
    } else if (operation.equals("DescribeInstanceAttribute")) {
      out.add(ec2("instance/" + params.getOrDefault("InstanceId", "*")));
    } else if (EC2_LAUNCH_TEMPLATE.contains(operation)) {
      String id = params.get("LaunchTemplateId");
      if (id == null && params.containsKey("LaunchTemplateName")) {
        id = directory.launchTemplateId(params.get("LaunchTemplateName"));
      }
      out.add(ec2("launch-template/" + (id != null ? id : "*")));
    } else if (operation.equals("CreateLaunchTemplate")) {
      out.add(ec2("launch-template/*"));
    } else if (operation.equals("CreateTags") || operation.equals("DeleteTags")) {
      for (int n = 1; params.containsKey("ResourceId." + n); n++) {
        String id = params.get("ResourceId." + n);
        out.add(ec2((id.startsWith("lt-") ? "launch-template/" : "instance/") + id));
      }
    }
    if (out.isEmpty()) {
      out.add("*");
    }
    return out;
  }

  /** A group's ARN; a group that does not exist (yet) has no UUID, written {@code *}. */
  private String group(String name) {
    String arn = directory.groupArn(name);
    return arn != null ? arn
        : "arn:aws:autoscaling:" + region + ":" + accountId + ":autoScalingGroup:*:autoScalingGroupName/" + name;
  }

  private String ec2(String resource) {
    return "arn:aws:ec2:" + region + ":" + accountId + ":" + resource;
  }
}
