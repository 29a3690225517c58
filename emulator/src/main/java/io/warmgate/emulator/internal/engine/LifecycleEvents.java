package io.warmgate.emulator.internal.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Makes the EventBridge event Auto Scaling sends when a lifecycle action starts. */
final class LifecycleEvents {
  private final ObjectMapper json = new ObjectMapper();
  private final Ids ids;
  private final String region;
  private final String accountId;

  LifecycleEvents(Ids ids, String region, String accountId) {
    this.ids = ids;
    this.region = region;
    this.accountId = accountId;
  }

  // Field for field the AWS sample kept in the tests: samples/eventbridge-launch-lifecycle-action.json.
  String started(LifecycleAction a, Instant now) {
    ObjectNode root = json.createObjectNode();
    root.put("version", "0");
    root.put("id", ids.uuid());
    root.put("detail-type", a.transition == Hook.Transition.LAUNCHING
        ? "EC2 Instance-launch Lifecycle Action" : "EC2 Instance-terminate Lifecycle Action");
    root.put("source", "aws.autoscaling");
    root.put("account", accountId);
    root.put("time", Ids.awsTime(now));
    root.put("region", region);
    root.putArray("resources").add(a.instance.group().arn);
    ObjectNode detail = root.putObject("detail");
    detail.put("LifecycleActionToken", a.token);
    detail.put("AutoScalingGroupName", a.hook.groupName);
    detail.put("LifecycleHookName", a.hook.name);
    detail.put("EC2InstanceId", a.instance.id);
    detail.put("LifecycleTransition", a.transition.wire());
    if (a.hook.notificationMetadata() != null) {
      detail.put("NotificationMetadata", a.hook.notificationMetadata());
    }
    detail.put("Origin", a.origin.wire());
    detail.put("Destination", a.destination.wire());
    return root.toString();
  }
}
