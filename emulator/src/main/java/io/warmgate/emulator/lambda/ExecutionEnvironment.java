package io.warmgate.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One execution environment: a child JVM running the Runtime Interface Client over the function's task root,
 * and the Runtime API ({@code 2018-06-01}) it polls, on its own loopback port. It serves one invocation at a
 * time. Its output (stdout and stderr) goes to its log file. Not thread-safe for concurrent invokes: the host
 * hands an environment to one caller at a time.
 */
final class ExecutionEnvironment implements AutoCloseable {

  /** Lambda's limit on a synchronous response payload (Lambda quotas page: 6 MB). */
  static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
  /** A bound on error and init-error bodies, which Lambda truncates; far above any stack trace the runtime sends. */
  private static final int MAX_ERROR_BYTES = 256 * 1024;
  private static final String PREFIX = "/2018-06-01/runtime";
  private static final Pattern INVOCATION = Pattern.compile(PREFIX + "/invocation/([A-Za-z0-9-]{1,64})/(response|error)");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Lambda's limit on an on-demand init ("Lambda execution environment lifecycle": 10 seconds). */
  private static final Duration INIT_LIMIT = Duration.ofSeconds(10);

  private final int id;
  private final FunctionConfig function;
  private final Path log;
  private final HttpServer api;
  private final ExecutorService apiThreads;
  private final Process process;
  private final long startedNanos;
  private final LinkedBlockingQueue<Pending> events = new LinkedBlockingQueue<>(1);
  private volatile Pending current;
  private volatile InvocationResult.InitFailed initError;
  private volatile boolean served;
  /** Set before a timed-out invocation's result is published, so the host never reuses this environment. */
  private volatile boolean retired;

  /** An invocation handed to this environment. */
  private static final class Pending {
    final String requestId = UUID.randomUUID().toString();
    final byte[] payload;
    final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    volatile long takenNanos;
    volatile long deadlineMillis;

    Pending(byte[] payload) {
      this.payload = payload;
    }
  }

  private ExecutionEnvironment(int id, FunctionConfig function, Path taskRoot, Path log, Map<String, String> lambdaEnv) {
    this.id = id;
    this.function = function;
    this.log = log;
    this.apiThreads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lambda-runtime-api-" + function.name() + "-" + id);
      t.setDaemon(true);
      return t;
    });
    try {
      this.api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the Runtime API on loopback", e);
    }
    api.setExecutor(apiThreads);
    api.createContext(PREFIX + "/", this::serve);
    api.start();

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The heap from MemorySize, about as the managed Java runtime sizes it (85% of the memory), and its serial
    // collector; the template's JAVA_TOOL_OPTIONS reach the JVM through the environment, as on Lambda.
    command.add("-XX:MaxHeapSize=" + (function.memoryMb() * 1024L * 85 / 100) + "k");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-D" + RuntimeInterfaceClient.JNI_PROPERTY + "=" + RuntimeInterfaceClient.jniLibrary());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, RuntimeInterfaceClient.classpath().stream().map(Path::toString).toList()));
    command.add(RuntimeInterfaceClient.MAIN_CLASS);
    command.add(function.handler());
    ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // Nothing of the host's environment leaks into the function: only what Lambda would set.
    pb.environment().clear();
    pb.environment().putAll(lambdaEnv);
    pb.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
    this.startedNanos = System.nanoTime();
    try {
      this.process = pb.start();
    } catch (IOException e) {
      api.stop(0);
      apiThreads.shutdownNow();
      throw new UncheckedIOException("cannot start the function's JVM", e);
    }
    process.onExit().thenRun(this::exited);
  }

  /** Starts an environment: its Runtime API, then its JVM (which initializes and polls {@code next}). */
  static ExecutionEnvironment start(int id, FunctionConfig function, Path taskRoot, Path log, Map<String, String> lambdaEnv) {
    return new ExecutionEnvironment(id, function, taskRoot, log, lambdaEnv);
  }

  int id() {
    return id;
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return !retired && process.isAlive() && initError == null;
  }

  /**
   * Runs one invocation and waits for its end: the response, an error, the runtime's exit, or the timeout
   * (counted from when the runtime takes the event).
   */
  InvocationRecord invoke(String payload, java.time.Instant startedAt) {
    boolean cold = !served;
    Pending p = new Pending(payload.getBytes(StandardCharsets.UTF_8));
    current = p;
    if (initError != null || !process.isAlive()) {
      p.result.complete(initFailure(p));
    } else {
      events.add(p);
    }
    InvocationResult result;
    try {
      result = await(p);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = timedOut(p);
    } catch (java.util.concurrent.ExecutionException e) {
      result = new InvocationResult.FunctionError(p.requestId, "Runtime.Unknown", String.valueOf(e.getCause()));
    }
    events.remove(p);
    current = null;
    served = true;
    long end = System.nanoTime();
    Duration duration = p.takenNanos == 0 ? Duration.ZERO : Duration.ofNanos(end - p.takenNanos);
    Duration processToResponse = cold ? Duration.ofNanos(end - startedNanos) : Duration.ZERO;
    return new InvocationRecord(p.requestId, id, cold, processToResponse, duration, function.memoryMb(), startedAt, result);
  }

  /**
   * Waits for the runtime to take the event, then for its result. The timeout counts from the take (the timer
   * in {@code next} ends the invocation there); the wait before it is bounded by the function's timeout, at
   * least Lambda's 10 s for an on-demand init: a loaded machine starts a JVM far slower than Lambda does, and
   * an init that never ends must still end the invocation.
   */
  private InvocationResult await(Pending p) throws InterruptedException, java.util.concurrent.ExecutionException {
    long initEnd = System.nanoTime() + Math.max(function.timeout().toNanos(), INIT_LIMIT.toNanos());
    while (p.takenNanos == 0 && !p.result.isDone() && System.nanoTime() < initEnd) {
      try {
        return p.result.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException initializing) {
        // Not taken yet: the runtime is still starting.
      }
    }
    if (p.takenNanos == 0 && !p.result.isDone()) {
      return timedOut(p);
    }
    long left = p.takenNanos + function.timeout().toNanos() + TimeUnit.SECONDS.toNanos(5) - System.nanoTime();
    try {
      return p.result.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return timedOut(p);
    }
  }

  private InvocationResult timedOut(Pending p) {
    long seconds = function.timeout().toSeconds();
    InvocationResult r = new InvocationResult.TimedOut(p.requestId, String.format("Task timed out after %d.00 seconds", seconds));
    retired = true;
    // Before the result is published: the caller then closes the environment, and the dump must be in the log.
    threadDump();
    if (p.result.complete(r)) {
      // The environment is not reused as it was: this one ends, the next invocation gets a fresh one.
      close();
      return r;
    }
    return p.result.join();
  }

  /**
   * Appends the runtime's thread dump to its log before the environment ends: where the function was when its
   * time ran out (Lambda shows nothing of the kind; a local host can). Bounded to a few seconds; best effort.
   */
  private void threadDump() {
    if (!process.isAlive()) {
      return;
    }
    long size = log.toFile().length();
    try {
      // SIGQUIT: the JVM prints every thread's stack to its stdout, the log.
      Process quit = new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start();
      quit.waitFor(5, TimeUnit.SECONDS);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      // Wait until the dump stops growing the log, or 3 s.
      long last = -1;
      while (System.nanoTime() < until && log.toFile().length() != last) {
        last = log.toFile().length();
        Thread.sleep(last == size ? 200 : 300);
      }
    } catch (IOException e) {
      // No kill(1) on this machine: the log simply has no dump.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private InvocationResult.InitFailed initFailure(Pending p) {
    InvocationResult.InitFailed e = initError;
    return e != null ? new InvocationResult.InitFailed(p.requestId, e.errorType(), e.errorMessage())
        : new InvocationResult.InitFailed(p.requestId, "Runtime.ExitError",
            "RequestId: " + p.requestId + " Error: Runtime exited" + exitStatus());
  }

  private String exitStatus() {
    return process.isAlive() ? "" : " with error: exit status " + process.exitValue();
  }

  private void exited() {
    Pending p = current;
    if (p != null && !p.result.isDone()) {
      if (p.takenNanos == 0) {
        p.result.complete(initFailure(p));
      } else {
        p.result.complete(new InvocationResult.FunctionError(p.requestId, "Runtime.ExitError",
            "RequestId: " + p.requestId + " Error: Runtime exited" + exitStatus()));
      }
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals(PREFIX + "/invocation/next")) {
        next(exchange);
        return;
      }
      if (method.equals("POST") && path.equals(PREFIX + "/init/error")) {
        Optional<byte[]> body = read(exchange.getRequestBody(), MAX_ERROR_BYTES);
        JsonNode error = parse(body.orElse(new byte[0]));
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
            .orElse(error.path("errorType").asText("Runtime.Unknown"));
        initError = new InvocationResult.InitFailed("init", type, error.path("errorMessage").asText(""));
        Pending p = current;
        if (p != null) {
          p.result.complete(initFailure(p));
        }
        respond(exchange, 202, "{\"status\":\"OK\"}");
        return;
      }
      Matcher m = INVOCATION.matcher(path);
      if (method.equals("POST") && m.matches()) {
        Pending p = current;
        if (p == null || !p.requestId.equals(m.group(1)) || p.takenNanos == 0) {
          respond(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
          return;
        }
        boolean response = m.group(2).equals("response");
        Optional<byte[]> body = read(exchange.getRequestBody(), response ? MAX_RESPONSE_BYTES : MAX_ERROR_BYTES);
        InvocationResult result;
        if (body.isEmpty()) {
          result = new InvocationResult.FunctionError(p.requestId, "Function.ResponseSizeTooLarge",
              "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).");
        } else if (response) {
          result = new InvocationResult.Succeeded(p.requestId, new String(body.get(), StandardCharsets.UTF_8));
        } else {
          JsonNode error = parse(body.get());
          String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
              .orElse(error.path("errorType").asText("Runtime.Unknown"));
          result = new InvocationResult.FunctionError(p.requestId, error.path("errorType").asText(type),
              error.path("errorMessage").asText(""));
        }
        if (!p.result.complete(result)) {
          respond(exchange, 400, "{\"errorMessage\":\"Invocation already ended\",\"errorType\":\"InvalidRequestID\"}");
          return;
        }
        respond(exchange, 202, "{\"status\":\"OK\"}");
        return;
      }
      respond(exchange, 404, "{\"errorMessage\":\"Unknown resource\",\"errorType\":\"InvalidRuntimeResource\"}");
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    Pending p;
    try {
      p = events.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    p.takenNanos = System.nanoTime();
    p.deadlineMillis = System.currentTimeMillis() + function.timeout().toMillis();
    var headers = exchange.getResponseHeaders();
    headers.add("Content-Type", "application/json");
    headers.add("Lambda-Runtime-Aws-Request-Id", p.requestId);
    headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(p.deadlineMillis));
    headers.add("Lambda-Runtime-Invoked-Function-Arn", function.arn());
    headers.add("Lambda-Runtime-Trace-Id", traceId());
    exchange.sendResponseHeaders(200, p.payload.length == 0 ? -1 : p.payload.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(p.payload);
    }
    // The timeout runs from here; a runtime that never answers is ended when it passes.
    CompletableFuture.delayedExecutor(function.timeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
      if (!p.result.isDone()) {
        timedOut(p);
      }
    });
  }

  private static String traceId() {
    String hex = UUID.randomUUID().toString().replace("-", "");
    return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.substring(0, 24)
        + ";Parent=" + hex.substring(16, 32) + ";Sampled=0";
  }

  private static Optional<byte[]> read(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      if (out.size() + n > limit) {
        in.transferTo(OutputStream.nullOutputStream());
        return Optional.empty();
      }
      out.write(buffer, 0, n);
    }
    return Optional.of(out.toByteArray());
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || !node.isObject() ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode().put("errorMessage", "unparseable error body: " + e.getMessage());
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    api.stop(0);
    apiThreads.shutdownNow();
  }
}
