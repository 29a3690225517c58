package io.warmgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuPartsTest {

  @Test
  void threadsGoToTheirPartByName() {
    assertThat(CpuParts.partOf("warmgate-worker-3")).isEqualTo(CpuParts.AWS_WORKERS);
    assertThat(CpuParts.partOf("warmgate-probe-1")).isEqualTo(CpuParts.PROBES);
    assertThat(CpuParts.partOf("warmgate-timer-1")).isEqualTo(CpuParts.TIMER);
    assertThat(CpuParts.partOf("multiThreadIoEventLoopGroup-2-1")).isEqualTo(CpuParts.EMULATOR);
    assertThat(CpuParts.partOf("main")).isEqualTo(CpuParts.HARNESS);
    assertThat(CpuParts.partOf("sdk-ScheduledExecutor-1-0")).isEqualTo(CpuParts.OTHER_THREADS);
  }

  @Test
  void aProcStatLineGivesUserPlusSystemTicksEvenWhenTheNameHasSpacesAndParentheses() {
    String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 100 0 0 0 731 29 0 0 20 0 30 0 6789 0 0";

    assertThat(CpuParts.ticks(stat)).isEqualTo(760);
    assertThat(CpuParts.ticks("7 (a (b) c) R 1 7 7 0 -1 0 0 0 0 0 5 6 0 0 20 0 1 0 1 0 0")).isEqualTo(11);
  }

  @Test
  void betweenTwoSnapshotsEachPartCountsItsThreadsAndTheRestGoesToTheVm() {
    CpuParts.Snapshot before = new CpuParts.Snapshot(1_000, 100, 50, Map.of(1L, 200L), Map.of(1L, CpuParts.AWS_WORKERS));
    CpuParts.Snapshot after = new CpuParts.Snapshot(2_000, 300, 150, Map.of(1L, 500L, 2L, 100L),
        Map.of(1L, CpuParts.AWS_WORKERS, 2L, CpuParts.PROBES));

    Map<String, Long> d = CpuParts.between(before, after);

    assertThat(d).containsEntry(CpuParts.AWS_WORKERS, 300L).containsEntry(CpuParts.PROBES, 100L)
        .containsEntry(CpuParts.JIT, 200L).containsEntry(CpuParts.GC, 100L).containsEntry(CpuParts.VM, 300L);
    assertThat(d.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000L);
  }

  @Test
  void onLinuxTheCompilerThreadsAreFound() {
    long[] vm = CpuParts.nativeThreads();
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertThat(vm[0]).as("a JVM that ran tests has compiled something").isPositive();
    }
  }
}
