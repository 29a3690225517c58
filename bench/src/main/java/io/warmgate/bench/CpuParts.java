package io.warmgate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the process's CPU goes, by part: the gate's AWS workers, its probe sockets and its timer, the
 * emulator, the harness itself, the JIT compiler's and the garbage collector's threads, and the rest
 * (the VM's other threads). A phase's figure is {@link #between} two {@link #snapshot()}s.
 *
 * <p>Java threads are read through {@link ThreadMXBean}. The compiler and GC threads are not Java
 * threads there, so their CPU comes from {@code /proc/self/task} (Linux; elsewhere they stay in the
 * rest). JIT and GC stay on the gate's side, but are reported apart: a short benchmark pays for
 * compiling the hot paths, which a long-running gate amortizes. A thread that ends between two
 * snapshots loses the CPU it used since the first; the gate's threads live for the run.
 */
final class CpuParts {

  static final String AWS_WORKERS = "gate: AWS calls (warmgate-worker)";
  static final String PROBES = "gate: probe sockets (warmgate-probe)";
  static final String TIMER = "gate: rounds and decisions (warmgate-timer)";
  static final String OTHER_THREADS = "gate: other threads (SDK, common pool)";
  static final String JIT = "JIT compiler threads";
  static final String GC = "GC threads";
  static final String VM = "VM, other (the rest)";
  static final String EMULATOR = "emulator (Netty, clock, events)";
  static final String HARNESS = "harness (main, sampler)";

  /** Parts in report order; the first seven are the gate's side. */
  static final List<String> ORDER = List.of(AWS_WORKERS, PROBES, TIMER, OTHER_THREADS, JIT, GC, VM, EMULATOR, HARNESS);

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private static final Path TASKS = Path.of("/proc/self/task");
  // USER_HZ: the unit of utime and stime in /proc; 100 on every Linux the JVM runs on.
  private static final long NANOS_PER_TICK = 10_000_000L;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  CpuParts() {
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  /** The part a thread's CPU belongs to, by its name. */
  static String partOf(String threadName) {
    if (threadName.equals("main") || threadName.equals("bench-sampler")) {
      return HARNESS;
    }
    if (ResourceSampler.isEmulator(threadName)) {
      return EMULATOR;
    }
    if (threadName.startsWith("warmgate-worker")) {
      return AWS_WORKERS;
    }
    if (threadName.startsWith("warmgate-probe")) {
      return PROBES;
    }
    if (threadName.startsWith("warmgate-timer")) {
      return TIMER;
    }
    return OTHER_THREADS;
  }

  /** The CPU counters now: the process's, the VM's native threads' and every live Java thread's. */
  record Snapshot(long processNanos, long jitNanos, long gcNanos, Map<Long, Long> threadNanos, Map<Long, String> threadParts) {}

  /** Reads every counter once. */
  Snapshot snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, String> parts = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        if (t >= 0) {
          cpu.put(info.getThreadId(), t);
          parts.put(info.getThreadId(), partOf(info.getThreadName()));
        }
      }
    }
    long[] vm = nativeThreads();
    return new Snapshot(os.getProcessCpuTime(), vm[0], vm[1], cpu, parts);
  }

  /** CPU of the compiler threads and of the GC threads so far, from /proc; zeros where it cannot be read. */
  static long[] nativeThreads() {
    long jit = 0;
    long gc = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          boolean isJit = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
          boolean isGc = name.startsWith("GC Thread") || name.startsWith("G1 ");
          if (isJit || isGc) {
            long nanos = ticks(Files.readString(task.resolve("stat"))) * NANOS_PER_TICK;
            if (isJit) {
              jit += nanos;
            } else {
              gc += nanos;
            }
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile, or an odd line: it only loses its share
        }
      }
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
    return new long[] {jit, gc};
  }

  /** utime + stime of a /proc stat line (fields 14 and 15, counted after the parenthesized name). */
  static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * CPU nanoseconds from {@code before} to {@code after}, by part (every part of {@link #ORDER} listed):
   * each thread alive at {@code after} counts what it used since {@code before} (all of it if born
   * since); {@link #VM} is the process's CPU meanwhile minus every other part.
   */
  static Map<String, Long> between(Snapshot before, Snapshot after) {
    Map<String, Long> d = new LinkedHashMap<>();
    ORDER.forEach(p -> d.put(p, 0L));
    after.threadNanos().forEach((id, cpu) ->
        d.merge(after.threadParts().get(id), Math.max(0, cpu - before.threadNanos().getOrDefault(id, 0L)), Long::sum));
    d.put(JIT, Math.max(0, after.jitNanos() - before.jitNanos()));
    d.put(GC, Math.max(0, after.gcNanos() - before.gcNanos()));
    long named = d.values().stream().mapToLong(Long::longValue).sum();
    d.put(VM, Math.max(0, after.processNanos() - before.processNanos() - named));
    return d;
  }
}
