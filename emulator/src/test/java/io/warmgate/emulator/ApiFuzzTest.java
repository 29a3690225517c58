package io.warmgate.emulator;

import static io.warmgate.emulator.RawApi.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Sends 10,000 malformed requests, generated from a fixed seed, into one emulator: every answer
 * must be a well-formed AWS error with a 4xx, the emulator must still serve afterwards, and none
 * of them may leave anything behind. Set {@code -Dwarmgate.fuzz.seed=N} to replay another run.
 */
class ApiFuzzTest {
  private static final int REQUESTS = 10_000;
  private static final int THREADS = 4;
  /** Requests sent on a connection before their answers are read. */
  private static final int BATCH = 50;
  private static final String ASG = "Version=2011-01-01&Action=";
  private static final String EC2 = "Version=2016-11-15&Action=";
  /** Actions with the parameters a valid request would need, to be broken one at a time. */
  private static final List<String[]> ACTIONS = List.of(
      new String[] {ASG + "CreateAutoScalingGroup", "AutoScalingGroupName=g", "MinSize=0", "MaxSize=2",
          "LaunchTemplate.LaunchTemplateName=lt1"},
      new String[] {ASG + "UpdateAutoScalingGroup", "AutoScalingGroupName=g", "MaxSize=3"},
      new String[] {ASG + "SetDesiredCapacity", "AutoScalingGroupName=g", "DesiredCapacity=1"},
      new String[] {ASG + "PutWarmPool", "AutoScalingGroupName=g", "MinSize=1", "PoolState=Stopped"},
      new String[] {ASG + "PutLifecycleHook", "AutoScalingGroupName=g", "LifecycleHookName=h",
          "LifecycleTransition=autoscaling:EC2_INSTANCE_LAUNCHING", "HeartbeatTimeout=60", "DefaultResult=ABANDON"},
      new String[] {ASG + "CompleteLifecycleAction", "AutoScalingGroupName=g", "LifecycleHookName=h",
          "LifecycleActionResult=CONTINUE", "InstanceId=i-0123456789abcdef0"},
      new String[] {ASG + "RecordLifecycleActionHeartbeat", "AutoScalingGroupName=g", "LifecycleHookName=h",
          "LifecycleActionToken=71514b9d-6a40-4b26-8523-05e7eEXAMPLE"},
      new String[] {ASG + "TerminateInstanceInAutoScalingGroup", "InstanceId=i-0123456789abcdef0",
          "ShouldDecrementDesiredCapacity=true"},
      new String[] {ASG + "CreateOrUpdateTags", "Tags.member.1.ResourceId=g", "Tags.member.1.Key=k",
          "Tags.member.1.Value=v"},
      // Describe calls only with members that cannot match harmlessly: a bad one is always an error.
      new String[] {ASG + "DescribeAutoScalingGroups", "MaxRecords=10", "NextToken=MA"},
      new String[] {ASG + "DescribeWarmPool", "AutoScalingGroupName=g", "MaxRecords=10"},
      new String[] {ASG + "DescribeScalingActivities", "MaxRecords=10", "NextToken=MA"},
      new String[] {EC2 + "CreateLaunchTemplate", "LaunchTemplateName=lt2", "LaunchTemplateData.ImageId=ami-1"},
      new String[] {EC2 + "DescribeInstances", "InstanceId.1=i-0123456789abcdef0"},
      new String[] {EC2 + "StopInstances", "InstanceId.1=i-0123456789abcdef0"},
      new String[] {EC2 + "CreateTags", "ResourceId.1=i-0123456789abcdef0", "Tag.1.Key=k", "Tag.1.Value=v"},
      new String[] {EC2 + "DescribeInstanceStatus", "MaxResults=10", "NextToken=MA"});
  private static final String[] BAD_INTS = {"-1", "-2147483649", "2147483648", "99999999999999999999", "1e3", "",
      "0x10", "NaN", " ", "1.5", "\u0660"};
  private static final String[] BAD_INDEXES = {"0", "1001", "2147483648", "99999999999999999999", "00000000001001"};

  @Test
  void tenThousandMalformedRequestsEachGetAWellFormedAwsErrorAndTheEmulatorKeepsServing() throws Exception {
    long seed = Long.getLong("warmgate.fuzz.seed", 20261201L);
    try (WarmPoolEmulator emulator = WarmPoolEmulator.builder().virtualTime().seed(seed).start()) {
      RawApi api = new RawApi(emulator.endpoint());
      assertThat(api.post(EC2 + "CreateLaunchTemplate&LaunchTemplateName=lt1&LaunchTemplateData.ImageId=ami-1")
          .status()).isEqualTo(200);
      Runtime rt = Runtime.getRuntime();
      System.gc();
      long heapBefore = rt.totalMemory() - rt.freeMemory();
      Map<String, AtomicLong> codes = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      long started = System.nanoTime();
      try {
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          Random random = new Random(seed * 31 + t);
          runs.add(pool.submit(() -> {
            try (RawApi.Pipeline connection = new RawApi.Pipeline(emulator.endpoint())) {
              for (int sent = 0; sent < REQUESTS / THREADS; sent += BATCH) {
                List<String> batch = new ArrayList<>(BATCH);
                for (int k = 0; k < BATCH; k++) {
                  batch.add(malformed(random));
                }
                List<RawApi.Answer> answers = connection.send(batch);
                for (int k = 0; k < BATCH; k++) {
                  RawApi.Answer answer = answers.get(k);
                  String code;
                  try {
                    code = answer.errorCode();
                  } catch (AssertionError e) {
                    throw new AssertionError("seed " + seed + ": " + batch.get(k) + " -> " + answer.status() + " "
                        + answer.body(), e);
                  }
                  codes.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
                }
              }
            }
            return null;
          }));
        }
        for (Future<?> run : runs) {
          run.get(5, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      System.out.printf("fuzz: %d malformed requests in %.1f s, seed %d, error codes %s%n", REQUESTS,
          took.toMillis() / 1000.0, seed, new java.util.TreeMap<>(codes));
      assertThat(codes.values().stream().mapToLong(AtomicLong::get).sum()).isEqualTo(REQUESTS);
      // Still serving, and nothing was made by a bad request.
      assertThat(api.post(ASG + "DescribeLifecycleHookTypes").status()).isEqualTo(200);
      assertThat(api.post(ASG + "DescribeAutoScalingGroups").xml().getElementsByTagName("member").getLength())
          .isZero();
      assertThat(emulator.instances()).isEmpty();
      // Made-up action names share one counter instead of growing the table.
      assertThat(emulator.apiCallCounts()).containsKey("(unknown)").hasSizeLessThanOrEqualTo(ACTIONS.size() + 3);
      System.gc();
      long heapAfter = rt.totalMemory() - rt.freeMemory();
      assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(64L * 1024 * 1024);
    }
  }

  /** Returns a request that is wrong in exactly one, randomly chosen way. */
  private static String malformed(Random r) {
    String[] action = ACTIONS.get(r.nextInt(ACTIONS.size()));
    List<String> params = new ArrayList<>(List.of(action).subList(1, action.length));
    String head = action[0];
    int victim = r.nextInt(params.size());
    String[] kv = params.get(victim).split("=", 2);
    boolean indexed = kv[0].matches(".*\\.(member\\.)?1(\\..*)?");
    int mutation = r.nextInt(8);
    if (mutation == 5 && !indexed) {
      mutation = 7;
    }
    switch (mutation) {
      case 0 -> head = (r.nextBoolean() ? ASG : EC2) + enc(junk(r, 1 + r.nextInt(40)));
      case 1 -> head = head.substring(0, head.indexOf("&Action="));
      case 2 -> head = head.replace("Version=2011-01-01", "Version=" + enc(junk(r, 10)))
          .replace("Version=2016-11-15", "Version=" + enc(junk(r, 10)));
      case 3 -> params.set(victim, kv[0] + "=" + enc(kv[1] + junk(r, 1 + r.nextInt(300)) + "\u0001"));
      case 4 -> params.set(victim, kv[0] + "=" + enc("x".repeat(256 + r.nextInt(5000)) + "\u0000"));
      case 5 -> params.set(victim, kv[0].replaceFirst("\\.(member\\.)?1(\\.|$)",
          "." + (kv[0].contains("member") ? "member." : "") + BAD_INDEXES[r.nextInt(BAD_INDEXES.length)] + "$2")
          + "=" + enc(kv[1]));
      case 6 -> params.set(victim, kv[0] + "=%" + "zz".substring(r.nextInt(2)));
      // A bad number, boolean, enum, id or name: the control character makes even a name invalid.
      default -> params.set(victim, kv[0] + "=" + enc(BAD_INTS[r.nextInt(BAD_INTS.length)] + junk(r, 3) + "\u0001"));
    }
    return head + "&" + String.join("&", params);
  }

  private static String junk(Random r, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int k = 0; k < n; k++) {
      int kind = r.nextInt(6);
      sb.append(switch (kind) {
        case 0 -> (char) r.nextInt(0x20);
        case 1 -> (char) (0xd800 + r.nextInt(0x800));
        case 2 -> "<>&'\"".charAt(r.nextInt(5));
        case 3 -> (char) (0x80 + r.nextInt(0x700));
        default -> (char) ('a' + r.nextInt(26));
      });
    }
    return sb.toString();
  }
}
