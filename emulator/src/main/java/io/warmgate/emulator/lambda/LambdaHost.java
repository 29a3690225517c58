package io.warmgate.emulator.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one function the way Lambda does, on this machine: each invocation goes to an idle execution environment
 * (a child JVM with the Runtime Interface Client and the function's unpacked package, polling its own Runtime
 * API on loopback), or to a new one when all are busy; an environment whose invocation timed out is ended and
 * replaced. Asynchronous invocations are queued and retried after a function error as Lambda retries them
 * (one minute, then two), within the event age; what is given up on is recorded as a {@link DeadLetter}.
 * Thread-safe.
 */
public final class LambdaHost implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LambdaHost.class);
  /**
   * The waits before the second and third attempt after a function error: AWS's "How Lambda handles errors and
   * retries with asynchronous invocation" (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
   */
  static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));

  private final FunctionConfig function;
  private final Path taskRoot;
  private final Path logDir;
  private final Map<String, String> lambdaEnvironment;
  private final Semaphore concurrency;
  private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
  private final List<ExecutionEnvironment> all = new CopyOnWriteArrayList<>();
  private final List<InvocationRecord> records = new CopyOnWriteArrayList<>();
  private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  private final AtomicInteger environments = new AtomicInteger();
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger pendingAsync = new AtomicInteger();
  private final ExecutorService asyncWorkers;
  private final ScheduledExecutorService retries;
  private volatile boolean closed;

  private LambdaHost(FunctionConfig function, Path workDir, int maxConcurrency) {
    this.function = function;
    try {
      Files.createDirectories(workDir);
      this.logDir = Files.createDirectories(workDir.resolve("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the host's directory " + workDir, e);
    }
    this.taskRoot = DeploymentPackage.unpack(function.code(), workDir.resolve("task"));
    this.lambdaEnvironment = lambdaEnvironment(function, taskRoot);
    this.concurrency = new Semaphore(maxConcurrency, true);
    this.asyncWorkers = Executors.newCachedThreadPool(daemon("lambda-async-" + function.name()));
    this.retries = Executors.newSingleThreadScheduledExecutor(daemon("lambda-retry-" + function.name()));
  }

  /**
   * Unpacks the function's package into {@code workDir} and gets ready to invoke it; environments start on demand.
   *
   * @param function the function
   * @param workDir where the task root and the environments' logs go
   * @param maxConcurrency the most environments at once (a guard for this machine; Lambda's account default is 1,000)
   */
  public static LambdaHost start(FunctionConfig function, Path workDir, int maxConcurrency) {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(workDir, "workDir");
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be positive: " + maxConcurrency);
    }
    return new LambdaHost(function, workDir, maxConcurrency);
  }

  /** The function this host runs. */
  public FunctionConfig function() {
    return function;
  }

  /**
   * A synchronous ({@code RequestResponse}) invocation: waits for an environment, then for the result.
   *
   * @throws IllegalStateException if the host is closed
   */
  public InvocationRecord invoke(String payload) {
    Objects.requireNonNull(payload, "payload");
    if (closed) {
      throw new IllegalStateException("the host of " + function.name() + " is closed");
    }
    Instant startedAt = Instant.now();
    concurrency.acquireUninterruptibly();
    ExecutionEnvironment env = null;
    try {
      env = acquire();
      int now = busy.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      InvocationRecord record = env.invoke(payload, startedAt);
      records.add(record);
      if (record.result().failed()) {
        LOG.info("{} {}: {}", function.name(), record.requestId(), record.result().describe());
      }
      return record;
    } finally {
      if (env != null) {
        busy.decrementAndGet();
        release(env);
      }
      concurrency.release();
    }
  }

  /**
   * An asynchronous ({@code Event}) invocation: queued, run on an environment, retried after a function error
   * per {@code config}; recorded as a dead letter for {@code deadLetterQueue} when given up on. Returns at once.
   *
   * @return false if the host is closed (the caller's delivery failed)
   */
  public boolean invokeAsync(String payload, AsyncInvokeConfig config, String deadLetterQueue) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
    if (closed) {
      return false;
    }
    pendingAsync.incrementAndGet();
    Instant queued = Instant.now();
    asyncWorkers.execute(() -> attempt(payload, config, deadLetterQueue, queued, 1));
    return true;
  }

  private void attempt(String payload, AsyncInvokeConfig config, String dlq, Instant queued, int attempt) {
    try {
      if (closed) {
        return;
      }
      InvocationRecord record = invoke(payload);
      if (!record.result().failed()) {
        return;
      }
      String reason = record.result().describe();
      if (attempt > config.maximumRetryAttempts()) {
        deadLetter(dlq, payload, attempt, "retries exhausted after " + attempt + " attempts; last: " + reason);
        return;
      }
      Duration delay = RETRY_DELAYS.get(attempt - 1);
      if (Duration.between(queued, Instant.now()).plus(delay).compareTo(config.maximumEventAge()) > 0) {
        deadLetter(dlq, payload, attempt, "maximum event age " + config.maximumEventAge().toSeconds() + " s passed; last: " + reason);
        return;
      }
      pendingAsync.incrementAndGet();
      retries.schedule(() -> asyncWorkers.execute(() -> attempt(payload, config, dlq, queued, attempt + 1)),
          delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      LOG.warn("{}: asynchronous invocation failed in the host", function.name(), e);
      deadLetter(dlq, payload, attempt, "host: " + e);
    } finally {
      pendingAsync.decrementAndGet();
    }
  }

  /** Records an event some sender gave up on (a rule target that could not deliver it), for its dead-letter queue. */
  public void deadLetter(String queue, String payload, int attempts, String reason) {
    deadLetters.add(new DeadLetter(queue, payload, attempts, reason, Instant.now()));
    LOG.info("{}: to the dead-letter queue {}: {}", function.name(), queue, reason);
  }

  /** Every invocation so far, in the order they ended. */
  public List<InvocationRecord> invocations() {
    return List.copyOf(records);
  }

  /** What would have reached a dead-letter queue. */
  public List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /** The most environments that were busy at once. */
  public int peakConcurrentEnvironments() {
    return peak.get();
  }

  /** Every environment's log file (the function's stdout and stderr), in the order they started. */
  public List<Path> logFiles() {
    List<Path> out = new ArrayList<>();
    all.forEach(e -> out.add(e.log()));
    return out;
  }

  /** True while an asynchronous invocation is queued, running or waiting for a retry. */
  public boolean asyncPending() {
    return pendingAsync.get() > 0;
  }

  private ExecutionEnvironment acquire() {
    synchronized (idle) {
      while (!idle.isEmpty()) {
        ExecutionEnvironment env = idle.pollLast();
        if (env.alive()) {
          return env;
        }
        env.close();
      }
    }
    int id = environments.incrementAndGet();
    Path log = logDir.resolve(function.name() + "-env-" + id + ".log");
    ExecutionEnvironment env = ExecutionEnvironment.start(id, function, taskRoot, log, lambdaEnvironment);
    all.add(env);
    return env;
  }

  private void release(ExecutionEnvironment env) {
    if (closed || !env.alive()) {
      env.close();
      return;
    }
    synchronized (idle) {
      idle.addLast(env);
    }
  }

  /** The variables Lambda sets, over the function's own (Lambda's reserved keys win, as on Lambda). */
  private static Map<String, String> lambdaEnvironment(FunctionConfig f, Path taskRoot) {
    Map<String, String> env = new LinkedHashMap<>(f.environment());
    String region = f.environment().getOrDefault("AWS_REGION", "us-east-1");
    env.put("AWS_REGION", region);
    env.put("AWS_DEFAULT_REGION", region);
    env.put("AWS_LAMBDA_FUNCTION_NAME", f.name());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memoryMb()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + f.name());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + f.runtime());
    env.put("_HANDLER", f.handler());
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
    env.put("TZ", ":UTC");
    env.put("LANG", "en_US.UTF-8");
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    // This machine's rules: no instance metadata, metrics as local EMF lines in the log.
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_EMF_ENVIRONMENT", "Local");
    return Map.copyOf(env);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Ends every environment and drops what is queued. */
  @Override
  public void close() {
    closed = true;
    retries.shutdownNow();
    asyncWorkers.shutdownNow();
    all.forEach(ExecutionEnvironment::close);
  }
}
