package io.warmgate.e2e.faults;

import io.warmgate.e2e.SharedMachine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The fault matrix (issue 9): one {@link FaultRow} per fault, each in its own emulator world, all
 * started at once (they mostly wait on their accelerated clocks) and reported as one test each. The
 * figures go to {@code e2e/target/reliability/}; with {@code -Dwarmgate.reliability.doc} the table is
 * also written to {@code docs/reliability.md} (see {@link ReliabilityTable#COMMAND}).
 */
// Alone on the machine, after the incident scenarios: their load beside it made rows miss their timings.
@Order(Integer.MAX_VALUE)
@ResourceLock(SharedMachine.CPU)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixTest {

  /** Real time any one row may take before it counts as failed (a hung row must not hang the build). */
  private static final boolean LONG_RUN = System.getProperty("e2e.scenarios") != null;
  private static final Duration ROW_TIMEOUT = Duration.ofMinutes(LONG_RUN ? 8 : 4);

  // -Dfaults.rows=DroppedEventsRow,FuzzRow runs only those rows (while working on one).
  private static final String ONLY = System.getProperty("faults.rows", "");

  private final List<FaultRow> rows = Stream.of(
      new DroppedEventsRow(),
      new DuplicatedEventsRow(),
      new ThrottledApiRow(),
      new HostileHealthRow(),
      new GoneMidWaitRow(),
      new RunnerKilledRow(),
      new DaemonKilledRow(),
      new QueueRedeliveryRow(),
      new ShortHeartbeatRow(),
      new ForgedEventsRow(),
      new FuzzRow())
      .filter(r -> ONLY.isBlank() || List.of(ONLY.split(",")).contains(r.getClass().getSimpleName()))
      .toList();
  private final List<RowRun> runs = new ArrayList<>();
  private ExecutorService pool;
  private long startedNanos;

  /** One row's run: its figures, its failure if any, its real duration. */
  static final class RowRun {
    final FaultRow row;
    final Figures figures = new Figures();
    Future<?> future;
    volatile Throwable failure;
    volatile long realMillis;

    RowRun(FaultRow row) {
      this.row = row;
    }
  }

  @BeforeAll
  void startEveryRow() {
    startedNanos = System.nanoTime();
    pool = Executors.newFixedThreadPool(rows.size(), r -> {
      Thread t = new Thread(r, "fault-row");
      t.setDaemon(true);
      return t;
    });
    for (FaultRow row : rows) {
      RowRun run = new RowRun(row);
      runs.add(run);
      run.future = pool.submit(() -> {
        long t0 = System.nanoTime();
        try {
          row.run(run.figures, LONG_RUN);
        } catch (Throwable e) {
          run.failure = e;
        } finally {
          run.realMillis = (System.nanoTime() - t0) / 1_000_000;
        }
      });
    }
  }

  @TestFactory
  Stream<DynamicTest> everyRowHoldsItsGuarantee() {
    return runs.stream().map(run -> DynamicTest.dynamicTest(run.row.getClass().getSimpleName() + ": " + run.row.fault(), () -> {
      try {
        run.future.get(ROW_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        run.future.cancel(true);
        run.failure = new AssertionError("the row did not finish within " + ROW_TIMEOUT.toMinutes()
            + " min of real time; figures so far: " + run.figures.summary());
      }
      if (run.failure != null) {
        throw new AssertionError(run.row.getClass().getSimpleName() + " failed (figures: " + run.figures.summary() + ")",
            run.failure);
      }
    }));
  }

  @AfterAll
  void writeTheTable() throws Exception {
    pool.shutdownNow();
    Duration wall = Duration.ofNanos(System.nanoTime() - startedNanos);
    Path target = Path.of("target", "reliability");
    ReliabilityTable table = new ReliabilityTable(runs, wall, LONG_RUN);
    table.writeFigures(target);
    String doc = System.getProperty("warmgate.reliability.doc");
    if (doc != null) {
      table.writeDoc(doc.isBlank() || doc.equals("true") ? Path.of("..", "docs", "reliability.md") : Path.of(doc));
    }
  }
}
