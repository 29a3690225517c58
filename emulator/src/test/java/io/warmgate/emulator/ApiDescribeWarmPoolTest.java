package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warmgate.testing.EmulatedAws;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolConfiguration;
import software.amazon.awssdk.services.autoscaling.model.WarmPoolStatus;

/**
 * Checks DescribeWarmPool's response shape against the API reference
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeWarmPool.html,
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_WarmPoolConfiguration.html): members never set are
 * left out, and a deleted pool is {@code PendingDelete} before it is gone
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DeleteWarmPool.html).
 */
class ApiDescribeWarmPoolTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static EmulatedAws s;

  @BeforeAll
  static void start() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(37L));
    s.launchTemplate("pool-lt", "instant");
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static void group(String name) {
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(0).maxSize(2)
        .desiredCapacity(0).launchTemplate(t -> t.launchTemplateName("pool-lt")));
  }

  private static WarmPoolConfiguration config(String group) {
    return s.autoScaling().describeWarmPool(r -> r.autoScalingGroupName(group)).warmPoolConfiguration();
  }

  @Test
  void aPoolPutWithoutAReusePolicyOrAPreparedCapacityLeavesThemOut() {
    group("bare-pool");

    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("bare-pool").minSize(1));

    WarmPoolConfiguration c = config("bare-pool");
    assertThat(c.instanceReusePolicy()).isNull();
    assertThat(c.maxGroupPreparedCapacity()).isNull();
    assertThat(c.status()).isNull();
    assertThat(c.minSize()).isEqualTo(1);
    assertThat(c.poolStateAsString()).isEqualTo("Stopped");
  }

  @Test
  void aReusePolicyThatWasGivenIsDescribed() {
    group("reusing-pool");

    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("reusing-pool").minSize(0)
        .instanceReusePolicy(p -> p.reuseOnScaleIn(true)));

    assertThat(config("reusing-pool").instanceReusePolicy().reuseOnScaleIn()).isTrue();
  }

  @Test
  void aDeletedPoolIsPendingDeleteUntilItsInstancesAreGone() {
    group("deleted-pool");
    // A terminating hook holds the pool's instances, so the deletion is seen in progress, not raced.
    s.autoScaling().putLifecycleHook(r -> r.autoScalingGroupName("deleted-pool").lifecycleHookName("drain")
        .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(7200));
    s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("deleted-pool").minSize(2));
    await().atMost(WAIT).until(() -> s.pool("deleted-pool").size() == 2
        && s.pool("deleted-pool").stream().allMatch(i -> "Warmed:Stopped".equals(i.lifecycleStateAsString())));

    s.autoScaling().deleteWarmPool(r -> r.autoScalingGroupName("deleted-pool"));

    assertThat(config("deleted-pool").status()).isEqualTo(WarmPoolStatus.PENDING_DELETE);
    await().atMost(WAIT).until(() -> s.pool("deleted-pool").stream()
        .allMatch(i -> "Warmed:Terminating:Wait".equals(i.lifecycleStateAsString())));
    assertThat(config("deleted-pool").status()).isEqualTo(WarmPoolStatus.PENDING_DELETE);
    for (var i : s.pool("deleted-pool")) {
      s.autoScaling().completeLifecycleAction(r -> r.autoScalingGroupName("deleted-pool").lifecycleHookName("drain")
          .instanceId(i.instanceId()).lifecycleActionResult("CONTINUE"));
    }
    await().atMost(WAIT).until(() -> config("deleted-pool") == null);
  }
}
