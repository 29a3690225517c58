package io.warmgate.emulator;

import static io.warmgate.testing.EmulatedAws.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.DescribeWarmPoolResponse;
import software.amazon.awssdk.services.autoscaling.model.Filter;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHook;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolState;

/** Every Auto Scaling operation through the real SDK v2 client, errors included. */
class AutoScalingApiTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static EmulatedAws s;
  private static String lt;

  @BeforeAll
  static void start() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(11L));
    lt = s.launchTemplate("api-asg", "instant", 18100);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static void create(String name, int min, int max, int desired) {
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(min).maxSize(max).desiredCapacity(desired)
        .availabilityZones("us-east-1a", "us-east-1b")
        .launchTemplate(t -> t.launchTemplateName("api-asg").version("$Default"))
        .tags(Tag.builder().key("team").value("blue").propagateAtLaunch(true).build()));
  }

  @Test
  void createDescribeUpdateAndDeleteAGroup() {
    create("crud", 1, 3, 2);
    AutoScalingGroup g = s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("crud")).autoScalingGroups().get(0);
    assertThat(g.autoScalingGroupName()).isEqualTo("crud");
    assertThat(g.autoScalingGroupARN()).matches("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName/crud");
    assertThat(g.minSize()).isEqualTo(1);
    assertThat(g.maxSize()).isEqualTo(3);
    assertThat(g.desiredCapacity()).isEqualTo(2);
    assertThat(g.availabilityZones()).containsExactly("us-east-1a", "us-east-1b");
    assertThat(g.launchTemplate().launchTemplateId()).isEqualTo(lt);
    assertThat(g.launchTemplate().launchTemplateName()).isEqualTo("api-asg");
    assertThat(g.createdTime()).isNotNull();
    assertThat(g.tags()).extracting(TagDescription::key, TagDescription::value, TagDescription::propagateAtLaunch)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "blue", true));
    assertThat(g.instances()).hasSize(2);

    await().atMost(WAIT).until(() -> s.inService("crud").stream()
        .allMatch(i -> i.lifecycleState() == LifecycleState.IN_SERVICE));
    assertThat(s.inService("crud")).allMatch(i -> i.healthStatus().equals("Healthy"));
    String id = s.inService("crud").get(0).instanceId();
    assertThat(s.ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .contains("aws:autoscaling:groupName=crud", "team=blue");

    s.autoScaling().updateAutoScalingGroup(r -> r.autoScalingGroupName("crud").minSize(0).maxSize(5).desiredCapacity(1));
    g = s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("crud")).autoScalingGroups().get(0);
    assertThat(g.maxSize()).isEqualTo(5);
    assertThat(g.desiredCapacity()).isEqualTo(1);
    await().atMost(WAIT).until(() -> s.inService("crud").size() == 1);

    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("crud").desiredCapacity(3));
    await().atMost(WAIT).until(() -> s.inService("crud").size() == 3);

    AwsServiceException inUse = awsError(() -> s.autoScaling().deleteAutoScalingGroup(r -> r.autoScalingGroupName("crud")));
    assertThat(inUse.awsErrorDetails().errorCode()).isEqualTo("ResourceInUse");
    s.autoScaling().deleteAutoScalingGroup(r -> r.autoScalingGroupName("crud").forceDelete(true));
    assertThat(s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("crud")).autoScalingGroups()).isEmpty();
  }

  @Test
  void groupErrorsUseAwsCodes() {
    create("dup", 0, 1, 0);
    AwsServiceException dup = awsError(() -> create("dup", 0, 1, 0));
    assertThat(dup.statusCode()).isEqualTo(400);
    assertThat(dup.awsErrorDetails().errorCode()).isEqualTo("AlreadyExists");

    AwsServiceException bounds = awsError(() -> create("bad-bounds", 2, 1, 1));
    assertThat(bounds.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

    AwsServiceException desired = awsError(() -> s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("dup").desiredCapacity(5)));
    assertThat(desired.awsErrorDetails().errorMessage())
        .isEqualTo("New SetDesiredCapacity value 5 is above max value 1 for the AutoScalingGroup.");

    AwsServiceException missing = awsError(() -> s.autoScaling().updateAutoScalingGroup(r -> r.autoScalingGroupName("nope").maxSize(2)));
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    // AWS names no group in this answer (see ApiCreateAutoScalingGroupTest).
    assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("AutoScalingGroup name not found - null");

    AwsServiceException noTemplate = awsError(() -> s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("x")
        .minSize(0).maxSize(1).launchTemplate(t -> t.launchTemplateName("does-not-exist"))));
    assertThat(noTemplate.awsErrorDetails().errorMessage()).contains("does-not-exist", "does not exist");

    AwsServiceException noMin = awsError(() -> s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("y").maxSize(1)
        .launchTemplate(t -> t.launchTemplateId(lt))));
    assertThat(noMin.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(noMin.awsErrorDetails().errorMessage()).contains("minSize");
  }

  @Test
  void describeGroupsPaginatesAndFiltersByTag() {
    for (int k = 0; k < 3; k++) {
      String name = "page-" + k;
      s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(0).maxSize(1)
          .launchTemplate(t -> t.launchTemplateId(lt)).tags(Tag.builder().key("pager").value("yes").build()));
    }
    List<AutoScalingGroup> all = s.autoScaling().describeAutoScalingGroupsPaginator(r -> r.maxRecords(1)
            .filters(Filter.builder().name("tag:pager").values("yes").build()))
        .autoScalingGroups().stream().toList();
    assertThat(all).extracting(AutoScalingGroup::autoScalingGroupName).containsExactly("page-0", "page-1", "page-2");
  }

  @Test
  void warmPoolLifecycleHookAndActionOperations() {
    create("pool", 0, 4, 0);
    s.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("pool").lifecycleHookName("launch")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(7200).defaultResult("CONTINUE")
        .notificationMetadata("meta"));
    s.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("pool").lifecycleHookName("terminate")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(1500));
    List<LifecycleHook> hooks = s.autoScaling().describeLifecycleHooks(r -> r.autoScalingGroupName("pool")).lifecycleHooks();
    assertThat(hooks).extracting(LifecycleHook::lifecycleHookName).containsExactly("launch", "terminate");
    LifecycleHook launch = hooks.get(0);
    assertThat(launch.heartbeatTimeout()).isEqualTo(7200);
    // min(48 h, 100 x 7200 s): the 48 h cap.
    assertThat(launch.globalTimeout()).isEqualTo(172800);
    assertThat(launch.defaultResult()).isEqualTo("CONTINUE");
    assertThat(launch.notificationMetadata()).isEqualTo("meta");
    assertThat(hooks.get(1).defaultResult()).isEqualTo("ABANDON");
    assertThat(hooks.get(1).globalTimeout()).isEqualTo(150000);

    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("pool").minSize(1).maxGroupPreparedCapacity(2)
        .poolState(WarmPoolState.RUNNING).instanceReusePolicy(p -> p.reuseOnScaleIn(true)));
    DescribeWarmPoolResponse pool = s.autoScaling().describeWarmPool(r -> r.autoScalingGroupName("pool"));
    assertThat(pool.warmPoolConfiguration().minSize()).isEqualTo(1);
    assertThat(pool.warmPoolConfiguration().maxGroupPreparedCapacity()).isEqualTo(2);
    assertThat(pool.warmPoolConfiguration().poolState()).isEqualTo(WarmPoolState.RUNNING);
    assertThat(pool.warmPoolConfiguration().instanceReusePolicy().reuseOnScaleIn()).isTrue();
    assertThat(pool.instances()).hasSize(2).allMatch(i -> i.lifecycleState() == LifecycleState.WARMED_PENDING_WAIT)
        .allMatch(i -> i.healthStatus().equals("Healthy"));
    AutoScalingGroup g = s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("pool")).autoScalingGroups().get(0);
    assertThat(g.instances()).isEmpty();
    assertThat(g.warmPoolSize()).isEqualTo(2);
    assertThat(g.warmPoolConfiguration().poolState()).isEqualTo(WarmPoolState.RUNNING);

    List<AutoScalingInstanceDetails> details = s.autoScaling().describeAutoScalingInstances(r -> r.instanceIds(
        pool.instances().get(0).instanceId(), pool.instances().get(1).instanceId())).autoScalingInstances();
    assertThat(details).hasSize(2).allMatch(d -> d.healthStatus().equals("HEALTHY"))
        .allMatch(d -> d.lifecycleState().equals("Warmed:Pending:Wait"))
        .allMatch(d -> d.autoScalingGroupName().equals("pool"));

    String first = pool.instances().get(0).instanceId();
    s.autoScaling().recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("pool").lifecycleHookName("launch").instanceId(first));
    s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("pool").lifecycleHookName("launch").instanceId(first)
        .lifecycleActionResult("CONTINUE"));
    AwsServiceException twice = awsError(() -> s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("pool")
        .lifecycleHookName("launch").instanceId(first).lifecycleActionResult("CONTINUE")));
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(twice.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(twice.awsErrorDetails().errorMessage()).isEqualTo("No active Lifecycle Action found with instance ID " + first);
    AwsServiceException badToken = awsError(() -> s.autoScaling().recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName("pool")
        .lifecycleHookName("launch").lifecycleActionToken("00000000-0000-4000-8000-000000000000")));
    assertThat(badToken.awsErrorDetails().errorMessage())
        .isEqualTo("No active Lifecycle Action found with token 00000000-0000-4000-8000-000000000000");
    await().atMost(WAIT).until(() -> "Warmed:Running".equals(s.lifecycleState(first).orElse(null)));

    // Pool state Running keeps it running; deleting the launch hook abandons the other pending action.
    assertThat(s.ec2State(first)).isEqualTo("running");

    // Scale out then in: the terminating hook holds it; ReuseOnScaleIn sends it back to the pool.
    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("pool").desiredCapacity(1));
    await().atMost(WAIT).until(() -> s.inService("pool").size() == 1);
    String moved = s.inService("pool").get(0).instanceId();
    assertThat(moved).isEqualTo(first);
    await().atMost(WAIT).until(() -> "InService".equals(s.lifecycleState(moved).orElse(null)) || "Pending:Wait".equals(s.lifecycleState(moved).orElse(null)));
    if ("Pending:Wait".equals(s.lifecycleState(moved).orElse(null))) {
      s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("pool").lifecycleHookName("launch").instanceId(moved)
          .lifecycleActionResult("CONTINUE"));
    }
    await().atMost(WAIT).until(() -> "InService".equals(s.lifecycleState(moved).orElse(null)));
    s.autoScaling().setDesiredCapacity(r -> r.autoScalingGroupName("pool").desiredCapacity(0));
    await().atMost(WAIT).until(() -> "Warmed:Pending:Wait".equals(s.lifecycleState(moved).orElse(null)));
    try {
      s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("pool").lifecycleHookName("terminate")
          .instanceId(moved).lifecycleActionResult("CONTINUE"));
    } catch (AwsServiceException expiredMeanwhile) {
      // On a very busy machine the 1500 s (2.5 s real) hook may expire first; the outcome is the same.
      assertThat(expiredMeanwhile.awsErrorDetails().errorMessage()).startsWith("No active Lifecycle Action found");
    }
    await().atMost(WAIT).until(() -> "Warmed:Running".equals(s.lifecycleState(moved).orElse(null)));

    s.autoScaling().deleteLifecycleHook(r -> r.autoScalingGroupName("pool").lifecycleHookName("terminate"));
    assertThat(s.autoScaling().describeLifecycleHooks(r -> r.autoScalingGroupName("pool").lifecycleHookNames("terminate"))
        .lifecycleHooks()).isEmpty();
    AwsServiceException noHook = awsError(() -> s.autoScaling().deleteLifecycleHook(r -> r.autoScalingGroupName("pool")
        .lifecycleHookName("terminate")));
    assertThat(noHook.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

    s.autoScaling().deleteWarmPool(r -> r.autoScalingGroupName("pool").forceDelete(true));
    await().atMost(WAIT).until(() -> s.autoScaling().describeWarmPool(r -> r.autoScalingGroupName("pool"))
        .warmPoolConfiguration() == null);
    AwsServiceException noPool = awsError(() -> s.autoScaling().deleteWarmPool(r -> r.autoScalingGroupName("pool")));
    assertThat(noPool.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
  }

  @Test
  void hookValidationAndLimits() {
    create("hooks", 0, 1, 0);
    AwsServiceException badTransition = awsError(() -> s.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("hooks")
        .lifecycleHookName("h").lifecycleTransition("autoscaling:SOMETHING")));
    assertThat(badTransition.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    AwsServiceException badTimeout = awsError(() -> s.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("hooks")
        .lifecycleHookName("h").lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(10)));
    assertThat(badTimeout.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    for (int k = 0; k < 50; k++) {
      String name = "h" + k;
      s.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("hooks").lifecycleHookName(name)
          .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING"));
    }
    AwsServiceException limit = awsError(() -> s.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("hooks")
        .lifecycleHookName("h50").lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING")));
    assertThat(limit.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
  }

  @Test
  void terminateInstanceInGroupAndScalingActivities() {
    create("term", 0, 2, 2);
    await().atMost(WAIT).until(() -> s.inService("term").size() == 2
        && s.inService("term").stream().allMatch(i -> i.lifecycleState() == LifecycleState.IN_SERVICE));
    String victim = s.inService("term").get(0).instanceId();
    Activity activity = s.autoScaling().terminateInstanceInAutoScalingGroup(r -> r.instanceId(victim)
        .shouldDecrementDesiredCapacity(true)).activity();
    assertThat(activity.description()).isEqualTo("Terminating EC2 instance: " + victim);
    // As on AWS, the termination is in progress until the instance is terminated.
    assertThat(activity.statusCodeAsString()).isEqualTo("InProgress");
    assertThat(activity.endTime()).isNull();
    await().atMost(WAIT).until(() -> s.inService("term").size() == 1);
    assertThat(s.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("term")).autoScalingGroups().get(0)
        .desiredCapacity()).isEqualTo(1);
    await().atMost(WAIT).until(() -> s.ec2State(victim).equals("terminated"));

    List<Activity> activities = s.autoScaling().describeScalingActivities(r -> r.autoScalingGroupName("term")).activities();
    assertThat(activities).extracting(Activity::description).contains("Terminating EC2 instance: " + victim)
        .anyMatch(d -> d.startsWith("Launching a new EC2 instance: "));

    AwsServiceException unknown = awsError(() -> s.autoScaling().terminateInstanceInAutoScalingGroup(r -> r
        .instanceId("i-0123456789abcdef0").shouldDecrementDesiredCapacity(false)));
    assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
  }

  @Test
  void tagsCanBeCreatedDescribedAndDeleted() {
    create("tagged", 0, 1, 0);
    s.autoScaling().createOrUpdateTags(r -> r.tags(Tag.builder().resourceId("tagged").resourceType("auto-scaling-group")
        .key("warmgate:managed").value("true").propagateAtLaunch(false).build()));
    List<TagDescription> tags = s.autoScaling().describeTags(r -> r.filters(
        Filter.builder().name("auto-scaling-group").values("tagged").build(),
        Filter.builder().name("key").values("warmgate:managed").build())).tags();
    assertThat(tags).singleElement().satisfies(t -> {
      assertThat(t.resourceId()).isEqualTo("tagged");
      assertThat(t.resourceType()).isEqualTo("auto-scaling-group");
      assertThat(t.value()).isEqualTo("true");
      assertThat(t.propagateAtLaunch()).isFalse();
    });
    s.autoScaling().deleteTags(r -> r.tags(Tag.builder().resourceId("tagged").resourceType("auto-scaling-group")
        .key("warmgate:managed").build()));
    assertThat(s.autoScaling().describeTags(r -> r.filters(Filter.builder().name("key").values("warmgate:managed").build()))
        .tags()).isEmpty();
    AwsServiceException noGroup = awsError(() -> s.autoScaling().createOrUpdateTags(r -> r.tags(Tag.builder().resourceId("ghost")
        .resourceType("auto-scaling-group").key("k").value("v").build())));
    assertThat(noGroup.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
  }
}
