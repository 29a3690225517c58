package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.emulator.EmulatorFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every lifecycle event is delivered twice (the emulator duplicates each) and out of order: events are
 * held in batches delivered in reverse, and each is replayed once more later, often after its action
 * has been completed.
 */
final class DuplicatedEventsRow implements FaultRow {

  private static final double SPEED = 30;
  private static final Duration LATENESS_BOUND = Duration.ofSeconds(60);

  @Override
  public String fault() {
    return "every event delivered twice, out of order (and replayed late)";
  }

  @Override
  public String guarantee() {
    return "exactly one completion per action; \"No active Lifecycle Action\" never surfaces as an error";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    String group = "twice";
    int pool = longRun ? 6 : 3;
    ScheduledExecutorService shuffler = Executors.newSingleThreadScheduledExecutor();
    try (FaultWorld world = new FaultWorld("twice", SPEED, 302, EmulatorFaults.NONE.withEventDuplicateRate(1.0))) {
      Random random = new Random(302);
      List<String> held = new ArrayList<>();
      int[] delivered = new int[1];
      // Batches of up to three, flushed every 300 ms real, delivered newest first; each event comes back
      // once more 1-4 s real (30-120 simulated seconds) later.
      Runnable flush = () -> {
        List<String> batch;
        synchronized (held) {
          batch = new ArrayList<>(held);
          held.clear();
        }
        Collections.reverse(batch);
        for (String e : batch) {
          world.toCurrentDaemon(e);
          delivered[0]++;
          shuffler.schedule(() -> {
            world.toCurrentDaemon(e);
            delivered[0]++;
          }, 1000 + random.nextInt(3000), TimeUnit.MILLISECONDS);
        }
      };
      shuffler.scheduleWithFixedDelay(flush, 300, 300, TimeUnit.MILLISECONDS);
      world.deliverWith(e -> {
        synchronized (held) {
          held.add(e);
        }
      });
      world.group(group, pool + 2, 600);
      world.startDaemon(List.of(group), FaultWorld.baseEnvironment(), false);
      world.fillPool(group, pool);
      assertThat(world.awaitSettled(group, 0, pool, Duration.ofSeconds(100))).as("pool filled: %s", world.states(group)).isTrue();
      world.scaleTo(group, 2);
      assertThat(world.awaitSettled(group, 2, pool, Duration.ofSeconds(100))).as("scaled out: %s", world.states(group)).isTrue();
      Thread.sleep(4500); // the last late replays arrive

      figures.put("events emitted", world.emulator.eventStats().get("emitted"))
          .put("duplicated", world.emulator.eventStats().get("duplicated")).put("deliveries", delivered[0]);
      Checks.onTime(world, LATENESS_BOUND, figures);
      List<Checks.Wait> waits = Checks.everyWaitContinuedWhenHealthy(world, group, pool + 4, figures);
      long completions = Checks.completions(world, group);
      figures.put("completions", completions);
      assertThat(completions).as("one completion per action").isEqualTo(waits.size());
      List<String> noActive = world.log().lines().filter(l -> l.contains("No active Lifecycle Action")).toList();
      List<String> errors = world.log().lines().filter(l -> l.contains("\"level\":\"ERROR\"") || l.contains("\"outcome\":\"FAILED\"")).toList();
      figures.put("'No active' lines", noActive.size()).put("errors", errors.size());
      assertThat(noActive).as("'No active Lifecycle Action' is an answer, never an error").isEmpty();
      assertThat(errors).isEmpty();
      assertThat(world.emulator.eventStats().get("duplicated")).isPositive();
    } finally {
      shuffler.shutdownNow();
    }
  }
}
