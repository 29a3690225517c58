package io.warmgate.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code warmgate run} as it ships: its own JVM from the built CLI jar ({@code cli/target/warmgate-cli.jar}, the
 * {@code warmgate.cli.jar} property), against one row's emulator at real time (a process reads the wall clock, so
 * its emulator runs at 1x). Its stdout (the JSON log) joins the world's log; stdout and stderr also go to
 * {@code target/reliability/ROW-process-N.log} for diagnosis. {@link #kill()} sends SIGKILL.
 */
final class CliDaemon implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JAR = System.getProperty("warmgate.cli.jar",
      Path.of("..", "cli", "target", "warmgate-cli.jar").toString());

  private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path logFile;
  private final Thread pump;
  private volatile Integer listenPort;

  /**
   * Starts {@code warmgate run ARGS} with the emulator's endpoint and region, test credentials and {@code env} (the
   * WARMGATE_* settings); nothing else of this JVM's environment that names AWS or warmgate reaches it.
   *
   * @param number this row's process count, for the log file's name
   */
  CliDaemon(FaultWorld world, int number, List<String> args, Map<String, String> env) throws IOException {
    Path jar = Path.of(JAR);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no CLI jar at " + jar.toAbsolutePath() + ": build the cli module first");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Small and cheap to start: the rows beside it run on accelerated clocks that a busy CPU makes late.
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "run",
        "--endpoint-url", world.emulator.endpoint().toString(), "--region", "us-east-1", "--json"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = pb.environment();
    environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("WARMGATE_") || k.startsWith("JAVA_TOOL"));
    environment.putAll(env);
    environment.put("AWS_ACCESS_KEY_ID", "test");
    environment.put("AWS_SECRET_ACCESS_KEY", "test");
    environment.put("AWS_REGION", "us-east-1");
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.put("AWS_EMF_ENVIRONMENT", "Local");
    Path dir = Path.of("target", "reliability");
    Files.createDirectories(dir);
    this.logFile = dir.resolve(world.row + "-process-" + number + ".log");
    Files.writeString(logFile, String.join(" ", command) + "\n", StandardCharsets.UTF_8);
    this.process = pb.start();
    process.getOutputStream().close();
    this.pump = new Thread(() -> pump(world), "cli-output-" + world.row + "-" + number);
    pump.setDaemon(true);
    pump.start();
  }

  private void pump(FaultWorld world) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        OutputStream file = Files.newOutputStream(logFile, StandardOpenOption.APPEND)) {
      String line;
      while ((line = in.readLine()) != null) {
        file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        file.flush();
        if (line.startsWith("{")) {
          world.appendLog(line);
          if (listenPort == null && line.contains("\"event\":\"started\"")) {
            listenPort = listenPort(line).orElse(null);
          }
        }
      }
    } catch (IOException e) {
      // The process is gone; what it wrote is in the file.
    }
  }

  private static Optional<Integer> listenPort(String line) {
    try {
      JsonNode listen = JSON.readTree(line).get("listen");
      return listen == null ? Optional.empty() : Optional.of(URI.create(listen.asText()).getPort());
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The port its event listener bound, once its {@code started} line is out (with {@code --listen}). */
  Optional<Integer> port() {
    return Optional.ofNullable(listenPort);
  }

  /**
   * POSTs one event to its listener, as EventBridge's API destination would; false if it does not listen yet or
   * refused it (a killed process gets nothing).
   */
  boolean post(String json) {
    Integer port = listenPort;
    if (port == null || !process.isAlive()) {
      return false;
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
          .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The process id. */
  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills it with SIGKILL (sent explicitly with {@code kill -KILL}), as the OOM killer or a lost host would: no
   * shutdown hook, nothing handed over.
   *
   * @return the exit status, which is 137 (128 + 9) when SIGKILL ended it
   */
  int kill() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -KILL " + process.pid() + " failed");
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
    }
    pump.join(2_000);
    return process.exitValue();
  }

  /** Stops it with SIGTERM (a graceful shutdown), then SIGKILL if it has not exited within {@code grace}. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  @Override
  public String toString() {
    return "warmgate run (pid " + process.pid() + ", log " + logFile + ")";
  }
}
