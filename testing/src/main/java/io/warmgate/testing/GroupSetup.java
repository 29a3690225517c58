package io.warmgate.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;
import software.amazon.awssdk.services.autoscaling.model.Tag;

/**
 * A group for {@link EmulatedAws} to create: desired 0, a launch template of its own ({@code NAME-lt}),
 * and what the test asks for. Unset, the boot profile is {@code instant}, the maximum size is the warm
 * pool's plus two, and there is no hook and no warm pool.
 */
public final class GroupSetup {

  private final EmulatedAws aws;
  private final String name;
  private String bootProfile = "instant";
  private Optional<Integer> maxSize = Optional.empty();
  private Optional<LifecycleHookSpecification.Builder> hook = Optional.empty();
  private int heartbeatSeconds = 600;
  private int warmPool;
  private final List<Tag> tags = new ArrayList<>();

  GroupSetup(EmulatedAws aws, String name) {
    this.aws = aws;
    this.name = name;
  }

  public GroupSetup bootProfile(String profile) {
    this.bootProfile = profile;
    return this;
  }

  public GroupSetup maxSize(int max) {
    this.maxSize = Optional.of(max);
    return this;
  }

  /** A launching hook, default result ABANDON, carrying {@code metadata} (null: none). */
  public GroupSetup launchingHook(String hookName, String metadata) {
    this.hook = Optional.of(LifecycleHookSpecification.builder().lifecycleHookName(hookName)
        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").defaultResult("ABANDON")
        .notificationMetadata(metadata));
    return this;
  }

  /** The hook's heartbeat timeout; 600 s unless set. */
  public GroupSetup heartbeatSeconds(int seconds) {
    this.heartbeatSeconds = seconds;
    return this;
  }

  /** A stopped warm pool of {@code size} instances (none unless set). */
  public GroupSetup warmPool(int size) {
    this.warmPool = size;
    return this;
  }

  /** A group tag (not propagated to instances). */
  public GroupSetup tag(String key, String value) {
    tags.add(Tag.builder().key(key).value(value).resourceId(name).resourceType("auto-scaling-group")
        .propagateAtLaunch(false).build());
    return this;
  }

  /** Creates the launch template, the group, its hook and its warm pool. */
  public void create() {
    String template = aws.launchTemplate(name + "-lt", bootProfile);
    aws.autoScaling().createAutoScalingGroup(r -> {
      r.autoScalingGroupName(name).minSize(0).maxSize(maxSize.orElse(warmPool + 2)).desiredCapacity(0)
          .launchTemplate(t -> t.launchTemplateId(template).version("$Latest"));
      if (!tags.isEmpty()) {
        r.tags(tags);
      }
      hook.ifPresent(h -> r.lifecycleHookSpecificationList(h.heartbeatTimeout(heartbeatSeconds).build()));
    });
    if (warmPool > 0) {
      aws.warmPool(name, warmPool);
    }
  }
}
