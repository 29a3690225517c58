package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.testing.EmulatedAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;

/**
 * API calls from several threads racing the engine's timers (boots, 30 s heartbeat expiries at
 * 600x, pool refills): every answer is a well-formed AWS answer, never a 500, and the engine's
 * bookkeeping stays consistent. Bounded in calls and time; seeded.
 */
class ConcurrentApiTest {
  private static final int THREADS = 4;
  private static final int CALLS_PER_THREAD = 120;

  @Test
  void concurrentCallsRacingTimersNeverGetAServerErrorAndLeaveConsistentState() throws Exception {
    try (EmulatedAws s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).seed(41L))) {
      String lt = s.launchTemplate("race", "instant", 18491);
      s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("race").minSize(0).maxSize(6).desiredCapacity(2)
          .launchTemplate(t -> t.launchTemplateId(lt))
          .lifecycleHookSpecificationList(
              LifecycleHookSpecification.builder().lifecycleHookName("up")
                  .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(30)
                  .defaultResult("CONTINUE").build(),
              LifecycleHookSpecification.builder().lifecycleHookName("down")
                  .lifecycleTransition("autoscaling:EC2_INSTANCE_TERMINATING").heartbeatTimeout(30)
                  .defaultResult("ABANDON").build()));
      s.autoScaling().putWarmPool(r -> r.autoScalingGroupName("race").minSize(2).instanceReusePolicy(p -> p.reuseOnScaleIn(true)));

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI endpoint = s.emulator.endpoint();
      ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          Random random = new Random(100 + t);
          done.add(pool.submit(() -> {
            for (int k = 0; k < CALLS_PER_THREAD; k++) {
              String body = call(s, random);
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint)
                  .timeout(Duration.ofSeconds(20))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() >= 500 || !r.body().toLowerCase(java.util.Locale.ROOT).contains("<requestid>")) {
                serverErrors.add(body + " -> " + r.statusCode() + " " + r.body());
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(serverErrors).isEmpty();
      // Every active action holds an instance that is waiting, and each waiting instance is held.
      // Timers keep running, so compare snapshots taken while no action started or ended.
      for (int attempt = 0; attempt < 200; attempt++) {
        List<ActionSnapshot> before = s.emulator.activeActions();
        List<InstanceSnapshot> instances = s.emulator.instances();
        if (!before.equals(s.emulator.activeActions())) {
          continue;
        }
        for (ActionSnapshot a : before) {
          assertThat(instances).filteredOn(i -> i.instanceId().equals(a.instanceId()))
              .extracting(InstanceSnapshot::lifecycleState).singleElement().asString().endsWith(":Wait");
        }
        for (InstanceSnapshot i : instances) {
          if (i.lifecycleState() != null && i.lifecycleState().endsWith(":Wait")) {
            assertThat(before).anyMatch(a -> a.instanceId().equals(i.instanceId()));
          }
        }
        return;
      }
      throw new AssertionError("no quiet moment to compare snapshots in 200 attempts");
    }
  }

  private static String call(EmulatedAws s, Random random) {
    List<ActionSnapshot> actions = s.emulator.activeActions();
    ActionSnapshot a = actions.isEmpty() ? null : actions.get(random.nextInt(actions.size()));
    String group = "&AutoScalingGroupName=race";
    return switch (random.nextInt(7)) {
      case 0 -> "Action=SetDesiredCapacity&Version=2011-01-01" + group + "&DesiredCapacity=" + random.nextInt(7);
      case 1 -> a == null ? "Action=DescribeWarmPool&Version=2011-01-01" + group
          : "Action=CompleteLifecycleAction&Version=2011-01-01" + group + "&LifecycleHookName=" + a.hookName()
              + "&LifecycleActionResult=" + (random.nextBoolean() ? "CONTINUE" : "ABANDON")
              + "&InstanceId=" + a.instanceId();
      case 2 -> a == null ? "Action=DescribeAutoScalingInstances&Version=2011-01-01"
          : "Action=RecordLifecycleActionHeartbeat&Version=2011-01-01" + group + "&LifecycleHookName="
              + a.hookName() + "&LifecycleActionToken=" + a.token();
      case 3 -> "Action=DescribeAutoScalingGroups&Version=2011-01-01";
      case 4 -> "Action=DescribeInstances&Version=2016-11-15";
      case 5 -> a == null ? "Action=DescribeInstanceStatus&Version=2016-11-15&IncludeAllInstances=true"
          : "Action=TerminateInstanceInAutoScalingGroup&Version=2011-01-01&InstanceId=" + a.instanceId()
              + "&ShouldDecrementDesiredCapacity=" + random.nextBoolean();
      default -> "Action=UpdateAutoScalingGroup&Version=2011-01-01" + group + "&MaxSize=" + (3 + random.nextInt(4));
    };
  }
}
