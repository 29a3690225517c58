package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.aws.event.LifecycleEventParser;
import io.warmgate.emulator.EmulatorFaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded fuzzing, bounded in time: 10,000 malformed lifecycle events (mutations of a real one: flipped and
 * cut bytes, wrong types, missing and huge fields, control characters, deep nesting, SQS/SNS envelopes
 * around garbage) into the event parser, into the daemon's event handling and into the Lambda handler.
 * The emulator's own 10,000 malformed requests are the emulator module's {@code ApiFuzzTest}, run by the
 * same build; this row reports its result from that module's test report.
 */
final class FuzzRow implements FaultRow {

  private static final int EVENTS = 10_000;
  private static final long SEED = 309;
  /** Real time each target may take per 10,000 events; past it the row fails as too slow, never as passed. */
  private static final Duration TIME_BOUND = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String fault() {
    return "fuzzing: 10,000 malformed events into the parser, the daemon and the Lambda handler; 10,000 malformed"
        + " requests into the emulator (ApiFuzzTest)";
  }

  @Override
  public String guarantee() {
    return "no uncaught exception, every input answered (malformed, ignored or gated), memory bounded; the emulator"
        + " answers each request with a well-formed AWS error and a 4xx and keeps serving";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    List<String> events = events(new Random(SEED), longRun ? EVENTS * 3 : EVENTS);
    figures.put("seed", SEED).put("events", events.size());
    try (FaultWorld world = new FaultWorld("fuzz", 30, SEED, EmulatorFaults.NONE)) {
      // A managed group for the events to name (so they reach the gate), with no instance: every run the fuzz
      // starts is the fuzz's own, and must end.
      world.group("fuzz", 2, 600);
      System.gc();
      long heapBefore = usedHeap();

      LifecycleEventParser parser = new LifecycleEventParser();
      Map<String, Integer> kinds = new TreeMap<>();
      long t0 = System.nanoTime();
      List<String> crashes = new ArrayList<>();
      for (String e : events) {
        try {
          parser.parseAll(e).forEach(m -> kinds.merge(m.getClass().getSimpleName(), 1, Integer::sum));
        } catch (RuntimeException ex) {
          crashes.add("parser: " + ex);
        }
        within(t0, events.size(), "the parser");
      }
      figures.put("parser", Duration.ofNanos(System.nanoTime() - t0)).put("parsed as", kinds);

      FaultWorld.Runner daemon = world.startDaemon(List.of(), List.of("fuzz"), FaultWorld.baseEnvironment(), false);
      t0 = System.nanoTime();
      for (String e : events) {
        try {
          daemon.daemon.onEvent(e);
        } catch (RuntimeException ex) {
          crashes.add("daemon: " + ex);
        }
        within(t0, events.size(), "the daemon");
      }
      figures.put("daemon", Duration.ofNanos(System.nanoTime() - t0));

      try (LambdaRunner lambda = new LambdaRunner(world, List.of("fuzz"), FaultWorld.baseEnvironment(), Duration.ofSeconds(30))) {
        t0 = System.nanoTime();
        int answered = 0;
        for (String e : events) {
          JsonNode summary = lambda.invoke(e);
          if (summary.has("kind")) {
            answered++;
          }
          within(t0, events.size(), "the Lambda handler");
        }
        figures.put("handler", Duration.ofNanos(System.nanoTime() - t0)).put("handler answers", answered);
        crashes.addAll(lambda.failedInvocations.stream().limit(5).map(f -> "handler: " + f).toList());
        assertThat(answered).as("the handler answered every invocation with a summary").isEqualTo(events.size());
      }
      System.gc();
      // The heap is the whole JVM's (the other rows run beside this one): the figure is indicative, the
      // assertions are on what this row holds.
      long used = usedHeap();
      figures.put("JVM heap growth MiB", (used - heapBefore) >> 20);
      figures.put("uncaught", crashes.size());
      // Nothing here is timed on the clock, but a clock that ran minutes late means a machine too loaded to trust.
      Checks.onTime(world, Duration.ofSeconds(60), figures);
      assertThat(crashes).as("uncaught exceptions").isEmpty();
      assertThat(daemon.gate.inFlight()).as("no run left behind by the fuzz events").isZero();
      assertThat(used).as("memory bounded: the JVM's heap after the fuzzing").isLessThan(Runtime.getRuntime().maxMemory() * 3 / 4);
      assertThat(world.log()).doesNotContain("\"level\":\"ERROR\"");
      // The emulator was still serving the gate's world all along.
      assertThat(world.admin.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames("fuzz"))
          .autoScalingGroups()).hasSize(1);
    }
    figures.put("emulator ApiFuzzTest", apiFuzzTestResult());
  }

  private static void within(long startNanos, int events, String target) {
    Duration bound = TIME_BOUND.multipliedBy(Math.max(1, events / EVENTS));
    if (System.nanoTime() - startNanos > bound.toNanos()) {
      throw new AssertionError(target + " did not take " + events + " malformed events within " + bound.toSeconds()
          + " s real: too slow a machine or a handler that stalls on bad input");
    }
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  /**
   * The emulator module's fuzz test, as this build's report of it says (it runs before this module); a
   * failure there fails this row too.
   */
  static String apiFuzzTestResult() throws Exception {
    Path report = Path.of("..", "emulator", "target", "surefire-reports", "TEST-io.warmgate.emulator.ApiFuzzTest.xml");
    // A report older than this JVM by more than the build's own modules take is a former build's.
    java.time.Instant jvmStart = java.time.Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
    if (!Files.isReadable(report) || Files.getLastModifiedTime(report).toInstant().isBefore(jvmStart.minus(Duration.ofMinutes(20)))) {
      return "not run in this build";
    }
    String xml = Files.readString(report, StandardCharsets.UTF_8);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<testcase name=\"([^\"]+)\"[^>]*time=\"([0-9.]+)\"(/?)>").matcher(xml);
    if (!m.find()) {
      return "no test case in its report";
    }
    boolean failed = xml.contains("<failure") || xml.contains("<error");
    assertThat(failed).as("the emulator's ApiFuzzTest failed (see its report)").isFalse();
    return "10,000 requests, passed in " + m.group(2) + " s";
  }

  /** Malformed events, each a mutation of a real launch event, seeded. */
  static List<String> events(Random random, int n) throws Exception {
    String real = """
        {"version":"0","id":"7e7a3b1f-0000-4000-8000-000000000001","detail-type":"EC2 Instance-launch Lifecycle Action",\
        "source":"aws.autoscaling","account":"123456789012","time":"2026-01-01T00:00:00Z","region":"us-east-1",\
        "resources":["arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0:autoScalingGroupName/fuzz"],\
        "detail":{"Origin":"EC2","Destination":"WarmPool","LifecycleActionToken":"71514b9d-6a40-4b26-8523-05e7e0000001",\
        "AutoScalingGroupName":"fuzz","LifecycleHookName":"warmgate-ready","EC2InstanceId":"i-0123456789abcdef0",\
        "LifecycleTransition":"autoscaling:EC2_INSTANCE_LAUNCHING","NotificationMetadata":"{}"}}""";
    String[] fields = {"Origin", "Destination", "LifecycleActionToken", "AutoScalingGroupName", "LifecycleHookName",
        "EC2InstanceId", "LifecycleTransition", "NotificationMetadata"};
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(10);
      String e;
      switch (kind) {
        case 0 -> { // flipped bytes
          byte[] b = real.getBytes(StandardCharsets.UTF_8);
          for (int k = 0; k < 1 + random.nextInt(8); k++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
          }
          e = new String(b, StandardCharsets.ISO_8859_1);
        }
        case 1 -> e = real.substring(0, random.nextInt(real.length())); // cut
        case 2 -> { // a field of the wrong type
          ObjectNode o = (ObjectNode) JSON.readTree(real);
          String f = fields[random.nextInt(fields.length)];
          switch (random.nextInt(4)) {
            case 0 -> ((ObjectNode) o.get("detail")).put(f, random.nextLong());
            case 1 -> ((ObjectNode) o.get("detail")).putArray(f).add("x");
            case 2 -> ((ObjectNode) o.get("detail")).putNull(f);
            default -> ((ObjectNode) o.get("detail")).putObject(f).put("a", 1);
          }
          e = o.toString();
        }
        case 3 -> { // a field missing
          ObjectNode o = (ObjectNode) JSON.readTree(real);
          ((ObjectNode) o.get("detail")).remove(fields[random.nextInt(fields.length)]);
          e = o.toString();
        }
        case 4 -> { // a huge or control-character field
          ObjectNode o = (ObjectNode) JSON.readTree(real);
          String f = fields[random.nextInt(fields.length)];
          String v = random.nextBoolean() ? "a".repeat(100_000 + random.nextInt(100_000))
              : "i-\u0000\u001b[31m\n\r\u2028" + random.nextInt();
          ((ObjectNode) o.get("detail")).put(f, v);
          e = o.toString();
        }
        case 5 -> e = "[".repeat(1 + random.nextInt(5000)) + "]".repeat(random.nextInt(3)); // deep nesting
        case 6 -> { // SQS or SNS envelope around garbage
          String inner = JSON.writeValueAsString(real.substring(0, random.nextInt(real.length())));
          e = random.nextBoolean() ? "{\"Records\":[{\"eventSource\":\"aws:sqs\",\"body\":" + inner + "}]}"
              : "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"Message\":" + inner + "}}]}";
        }
        case 7 -> { // another detail-type or source, or a detail that is not an object
          ObjectNode o = (ObjectNode) JSON.readTree(real);
          switch (random.nextInt(3)) {
            case 0 -> o.put("detail-type", "EC2 Instance-launch Lifecycle Action\u0000");
            case 1 -> o.put("source", "aws.autoscaling.forged");
            default -> o.put("detail", "not an object");
          }
          e = o.toString();
        }
        case 8 -> { // random bytes
          byte[] b = new byte[random.nextInt(2048)];
          random.nextBytes(b);
          e = new String(b, StandardCharsets.ISO_8859_1);
        }
        default -> { // a bad transition, origin or instance id
          ObjectNode o = (ObjectNode) JSON.readTree(real);
          ObjectNode d = (ObjectNode) o.get("detail");
          switch (random.nextInt(3)) {
            case 0 -> d.put("LifecycleTransition", "autoscaling:EC2_INSTANCE_" + random.nextInt());
            case 1 -> d.put("Origin", "Moon");
            default -> d.put("EC2InstanceId", "i-" + "f".repeat(random.nextInt(64)));
          }
          e = o.toString();
        }
      }
      out.add(e);
    }
    return out;
  }
}
