package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.TimelineEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Forged lifecycle events reach the daemon (over its HTTP listener) and the Lambda handler before the
 * real ones: a policy in the NotificationMetadata (1 s deadline, CONTINUE at the deadline), an event time
 * of 2000 and of 2100, a made-up and a malformed token, a real group naming another group's instance, and
 * a hook that does not exist. The hooks' heartbeat timeout (300 s) is shorter than the boots, so a forged
 * run that stopped heartbeats would let them expire.
 */
final class ForgedEventsRow implements FaultRow {

  // Slower than most rows: the first heartbeat is due 120 simulated seconds into each wait, and a Lambda
  // execution environment's first invocation (clients, runtime) must come well before that in real time.
  private static final double SPEED = 15;
  private static final Duration LATENESS_BOUND = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String fault() {
    return "forged events: metadata, time, token, another group's instance, an unknown hook";
  }

  @Override
  public String guarantee() {
    return "no effect on any real action: each CONTINUEd once healthy, none expired, the other group's instance untouched";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    try (FaultWorld world = new FaultWorld("forged", SPEED, 308, EmulatorFaults.NONE)) {
      world.group("forged-daemon", 2, 300);
      world.group("forged-lambda", 2, 300);
      world.group("unmanaged", 1, 3600);
      List<String> held = new ArrayList<>();
      world.deliverWith(json -> {
        synchronized (held) {
          held.add(json);
        }
      });
      // The daemon sweeps (its runs live on the sweeps' budget) but every run it has for a real action is
      // asserted below never to have ended ALREADY_COMPLETED, FAILED or STOPPED: a forged event that spoiled
      // the run the real event joins would show there, even though the next sweep would repair it. The
      // function gets Lambda's longest timeout, 15 min, so that one invocation outlasts a boot.
      FaultWorld.Runner daemon = world.startDaemon(List.of("forged-daemon"), FaultWorld.baseEnvironment(), true);
      try (LambdaRunner lambda = new LambdaRunner(world, List.of("forged-lambda"), FaultWorld.baseEnvironment(), Duration.ofMinutes(15))) {
        world.fillPool("forged-daemon", 2);
        world.fillPool("forged-lambda", 2);
        world.fillPool("unmanaged", 1);
        assertThat(world.await(Duration.ofSeconds(30), () -> world.emulator.activeActions().size() == 5)).isTrue();
        String other = world.instances("unmanaged").get(0).instanceId();
        URI listener = URI.create("http://127.0.0.1:" + daemon.daemon.port().orElseThrow() + "/events");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int forgedCount = 0;
        List<String> real;
        synchronized (held) {
          real = List.copyOf(held);
        }
        for (String event : real) {
          if (event.contains("\"unmanaged\"")) {
            continue;
          }
          boolean toLambda = event.contains("\"forged-lambda\"");
          for (String forged : forgeries(event, other)) {
            forgedCount++;
            if (toLambda) {
              lambda.invokeAsync(forged);
            } else {
              int status = http.send(HttpRequest.newBuilder(listener).timeout(Duration.ofSeconds(10))
                  .POST(HttpRequest.BodyPublishers.ofString(forged)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
              assertThat(status).as("the listener takes the event (its content is what is forged)").isEqualTo(202);
            }
          }
        }
        // Then the real events, late: the forged runs had every chance to do harm first.
        Thread.sleep(500);
        world.deliverWith(json -> {
          if (json.contains("\"forged-lambda\"")) {
            lambda.invokeAsync(json);
          } else {
            world.toCurrentDaemon(json);
          }
        });
        for (String event : real) {
          if (event.contains("\"forged-lambda\"")) {
            lambda.invokeAsync(event);
          } else if (!event.contains("\"unmanaged\"")) {
            world.toCurrentDaemon(event);
          }
        }
        boolean settled = world.awaitSettled("forged-daemon", 0, 2, Duration.ofSeconds(90))
            && world.awaitSettled("forged-lambda", 0, 2, Duration.ofSeconds(30));

        figures.put("forged events", forgedCount);
        Checks.onTime(world, LATENESS_BOUND, figures);
        assertThat(settled).as("real waits ended: %s %s", world.states("forged-daemon"), world.states("forged-lambda")).isTrue();
        Figures d = new Figures();
        Figures l = new Figures();
        Checks.everyWaitContinuedWhenHealthy(world, "forged-daemon", 2, d);
        Checks.everyWaitContinuedWhenHealthy(world, "forged-lambda", 2, l);
        figures.put("daemon", d.summary()).put("lambda", l.summary());
        assertThat(Checks.completions(world, "forged-daemon")).isEqualTo(2);
        assertThat(Checks.completions(world, "forged-lambda")).isEqualTo(2);
        assertThat(world.entries(TimelineEntry.Kind.ACTION, "expired")).as("no hook expired").isEmpty();
        assertThat(world.emulator.timeline(other).stream().filter(e -> e.kind() == TimelineEntry.Kind.ACTION
            && !e.to().startsWith("started"))).as("the other group's instance untouched").isEmpty();
        assertThat(world.log()).doesNotContain("the policy continues at the deadline");
        for (var i : world.instances("forged-daemon")) {
          assertThat(world.logEvents("finished", i.instanceId()))
              .filteredOn(f -> f.path("hook").asText().equals(FaultWorld.HOOK) && f.path("group").asText().equals("forged-daemon"))
              .as("the daemon's runs for the real action of %s", i.instanceId())
              .allSatisfy(f -> assertThat(f.path("outcome").asText()).isIn("CONTINUED", "HANDED_OVER"));
        }
        assertThat(lambda.failedInvocations).isEmpty();
      }
    }
  }

  /** The forgeries of one real event, each changing what a sender can write. */
  private static List<String> forgeries(String real, String otherGroupsInstance) throws Exception {
    List<java.util.function.Consumer<ObjectNode>> edits = List.of(
        e -> detail(e).put("NotificationMetadata", "{\"warmgate\":{\"deadline\":\"1s\",\"atDeadline\":\"CONTINUE\"}}"),
        e -> e.put("time", "2000-01-01T00:00:00Z"),
        e -> e.put("time", "2100-01-01T00:00:00Z"),
        e -> detail(e).put("LifecycleActionToken", "00000000-1111-2222-3333-444444444444"),
        e -> detail(e).put("LifecycleActionToken", "x"),
        e -> detail(e).put("EC2InstanceId", otherGroupsInstance),
        e -> detail(e).put("LifecycleHookName", "no-such-hook"));
    List<String> out = new ArrayList<>();
    for (java.util.function.Consumer<ObjectNode> edit : edits) {
      ObjectNode event = (ObjectNode) JSON.readTree(real);
      edit.accept(event);
      out.add(event.toString());
    }
    return out;
  }

  private static ObjectNode detail(ObjectNode event) {
    return (ObjectNode) event.get("detail");
  }
}
