package io.warmgate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Samples the process while a scenario runs: live threads (split into the emulator's and the rest),
 * heap used after the latest GC, and the CPU time of the emulator's threads.
 *
 * <p>Threads alive when the sampler starts are the baseline (the harness, Maven, the emulator's pools);
 * "gate threads" are the threads born afterwards that are not the emulator's, i.e. what running the
 * gate added. Short-lived threads between two samples are missed by the live count but not by {@link
 * ThreadMXBean#getTotalStartedThreadCount()}, which the caller reads too. Sampling runs on one daemon
 * thread at a fixed period until {@link #close()}. Thread-safe.
 */
public final class ResourceSampler implements AutoCloseable {

  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Duration period;
  private final Set<Long> baseline = new HashSet<>();
  private final Map<Long, Long> emulatorCpuStart = new HashMap<>();
  private final Map<Long, Long> emulatorCpuLast = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private int peakGateThreads;
  private Map<String, Integer> peakGateThreadNames = Map.of();
  private long peakHeapAfterGc;
  private long samples;

  /**
   * Takes the baseline and starts sampling.
   *
   * @param period the pause between samples
   */
  public ResourceSampler(Duration period) {
    this.period = period;
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    this.thread = new Thread(this::loop, "bench-sampler");
    thread.setDaemon(true);
    synchronized (this) {
      baseline.add(thread.getId());
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info != null) {
          baseline.add(info.getThreadId());
          if (isEmulator(info.getThreadName())) {
            emulatorCpuStart.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
          }
        }
      }
    }
    thread.start();
  }

  /**
   * True for the threads that are not the gate's: the emulator's clock, event bus and Netty event loops,
   * and this sampler. Their CPU is subtracted from the process's to give the gate's side.
   */
  static boolean isEmulator(String name) {
    return name.startsWith("emulator-") || name.contains("EventLoop") || name.contains("eventLoop") || name.startsWith("netty")
        || name.equals("bench-sampler");
  }

  private void loop() {
    while (running) {
      sample();
      try {
        Thread.sleep(period.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    samples++;
    int gate = 0;
    Map<String, Integer> names = new TreeMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long id = info.getThreadId();
      String name = info.getThreadName();
      if (isEmulator(name)) {
        long cpu = threads.getThreadCpuTime(id);
        if (cpu >= 0) {
          emulatorCpuStart.putIfAbsent(id, 0L);
          emulatorCpuLast.put(id, cpu);
        }
      } else if (!baseline.contains(id)) {
        gate++;
        names.merge(DIGITS.matcher(name).replaceAll("N"), 1, Integer::sum);
      }
    }
    if (gate > peakGateThreads) {
      peakGateThreads = gate;
      peakGateThreadNames = names;
    }
    long heap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (afterGc != null) {
        heap += afterGc.getUsed();
      }
    }
    peakHeapAfterGc = Math.max(peakHeapAfterGc, heap);
  }

  /** The most gate threads (born after the baseline, not the emulator's) seen alive at once. */
  public synchronized int peakGateThreads() {
    return peakGateThreads;
  }

  /** The names of those threads at the peak, digits replaced by N, with their counts. */
  public synchronized Map<String, Integer> peakGateThreadNames() {
    return Map.copyOf(peakGateThreadNames);
  }

  /** The largest heap occupancy seen right after a collection, in bytes (0 if no GC ran). */
  public synchronized long peakHeapAfterGc() {
    return peakHeapAfterGc;
  }

  /** CPU time the emulator's threads used since the baseline, in nanoseconds (as of the last sample). */
  public synchronized long emulatorCpuNanos() {
    long sum = 0;
    for (Map.Entry<Long, Long> e : emulatorCpuLast.entrySet()) {
      sum += Math.max(0, e.getValue() - emulatorCpuStart.getOrDefault(e.getKey(), 0L));
    }
    return sum;
  }

  /** Samples taken. */
  public synchronized long samples() {
    return samples;
  }

  /** Takes a last sample and stops. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }
}
