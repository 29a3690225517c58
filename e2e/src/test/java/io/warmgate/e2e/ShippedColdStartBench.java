package io.warmgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.cdk.seed.SeedApp;
import io.warmgate.emulator.lambda.InvocationRecord;
import io.warmgate.emulator.lambda.LambdaHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Cold starts of the shipped jar through the Lambda host: five fresh execution environments each for a test
 * notification and for a first lifecycle event, process start to first response, printed as p50 and max. A
 * benchmark that prints figures, not a test: {@code mvn -pl e2e test -Dtest=ShippedColdStartBench -De2e.coldstart}.
 * The lifecycle event is the launch event of an instance the gate already continued, so the figure is the
 * function's start and its first calls to the emulator (reading the group, finding the action finished), not
 * an instance's boot.
 */
@EnabledIfSystemProperty(named = "e2e.coldstart", matches = ".*")
class ShippedColdStartBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RUNS = 5;

  @Test
  void printsColdStartsOfTheShippedJar() throws IOException {
    Templates.seed();
    try (ShippedStack run = ShippedStack.replay(SeedApp.NAME, SeedApp.STACK_ID, 41L)) {
      String group = run.replay.groups().get(0);
      if (!run.awaitSettled(group, 2, 2)) {
        throw new AssertionError("the seed stack did not settle: " + run.unsettled + " " + run.failures());
      }
      String launch = run.emulator.emittedEvents().stream().filter(e -> e.contains("Lifecycle Action")).findFirst()
          .orElseThrow();
      ObjectMapper json = JSON;
      JsonNode test = json.createObjectNode().put("AccountId", "123456789012").put("RequestId", "bench")
          .put("AutoScalingGroupARN", "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:bench:autoScalingGroupName/" + group)
          .put("AutoScalingGroupName", group).put("Service", "AWS Auto Scaling")
          .put("Event", "autoscaling:TEST_NOTIFICATION").put("Time", "2026-01-01T00:00:00.000Z");
      report("test notification", measure(run, test.toString()));
      report("first lifecycle event", measure(run, launch));
    }
  }

  private static List<Long> measure(ShippedStack run, String payload) {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      Path work = Path.of("target", "shipped", "coldstart-" + System.nanoTime()).toAbsolutePath();
      try (LambdaHost fresh = LambdaHost.start(run.host.function(), work, 1)) {
        InvocationRecord r = fresh.invoke(payload);
        if (r.result().failed()) {
          throw new AssertionError("cold start run failed: " + r.result().describe());
        }
        millis.add(r.processToResponse().toMillis());
        System.out.printf("[bench] cold start, run %d: %d ms process start to response (duration %d ms billed)%n",
            i + 1, r.processToResponse().toMillis(), r.billedMillis());
      }
    }
    return millis;
  }

  private static void report(String what, List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    System.out.printf("[bench] cold start, %s: %d runs, p50 %d ms, max %d ms (all: %s)%n", what, sorted.size(),
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis);
  }
}
