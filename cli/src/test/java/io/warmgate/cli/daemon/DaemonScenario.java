package io.warmgate.cli.daemon;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.AwsGateFactory;
import io.warmgate.core.gate.Gate;
import io.warmgate.cli.demo.EmulatorScheduler;
import io.warmgate.core.port.ManagedGroups;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.TimelineEntry;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.testing.LoopbackClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.regions.Region;

/**
 * An emulator with one group (warm pool, launching hook) and daemons wired exactly as {@code warmgate run}
 * wires them, but on the emulator's accelerated clock and with the emulator's events POSTed to the
 * daemon's listener over real HTTP.
 */
final class DaemonScenario implements AutoCloseable {

  static final String GROUP = "web";
  static final String HOOK = "ready";
  static final int HEALTH_PORT = 18081;

  final EmulatedAws aws;
  final WarmPoolEmulator emulator;
  final AwsClients clients;
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final JsonLogListener log;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  // The port of the daemon started last: events go there.
  private volatile int listenPort;

  DaemonScenario(double speed, EmulatorFaults faults, String bootProfile) throws Exception {
    this(speed, faults, bootProfile, Optional.of("{\"warmgate\":{\"http\":{\"port\":" + HEALTH_PORT + ",\"path\":\"/health\"}}}"));
  }

  /** A scenario whose hook carries {@code hookMetadata} (none: the policy comes from the daemon's environment). */
  DaemonScenario(double speed, EmulatorFaults faults, String bootProfile, Optional<String> hookMetadata) throws Exception {
    // Each daemon listens on a port of its own choosing and is added as an event target once bound:
    // reserving a free port and releasing it for the daemon left a window for anyone to take it.
    aws = EmulatedAws.start(WarmPoolEmulator.builder().speed(speed).seed(11).faults(faults).healthPort(HEALTH_PORT));
    emulator = aws.emulator;
    log = new JsonLogListener(new PrintStream(logBytes, true, StandardCharsets.UTF_8), emulator.clock().asJavaClock());
    clients = aws.own(AwsClients.builder().endpoint(aws.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(LoopbackClients.credentials(LoopbackClients.ACCESS_KEY_ID)).build());
    aws.group(GROUP).bootProfile(bootProfile).maxSize(3).tag("warmgate:managed", "true")
        .launchingHook(HOOK, hookMetadata.orElse(null)).heartbeatSeconds(300).create();
  }

  /** Starts a daemon wired like {@code warmgate run --group web}, sweeping every simulated minute. */
  Daemon startDaemon() {
    return startDaemon(() -> List.of(GROUP));
  }

  /** Starts a daemon wired like {@code warmgate run} over the given managed groups. */
  Daemon startDaemon(ManagedGroups groups) {
    return startDaemon(groups, groups, Map.of());
  }

  /**
   * Starts a daemon whose sweeps cover {@code swept} while its listener accepts events of {@code managed}
   * (a test that must see what one event does alone sweeps nothing), with {@code env} as its environment.
   */
  Daemon startDaemon(ManagedGroups swept, ManagedGroups managed, Map<String, String> env) {
    EmulatorScheduler scheduler = new EmulatorScheduler(emulator.clock());
    AwsGateFactory aws = AwsGateFactory.of(clients, scheduler);
    Gate gate = aws.gate().executor(executor).environment(env).listener(log).build();
    Daemon daemon = new Daemon(gate, aws.sweeper(swept, gate, executor), managed, scheduler, log,
        new Daemon.Options(Duration.ofSeconds(60), Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(),
            0)), Duration.ofSeconds(10)));
    daemon.start();
    // A restarted daemon gets a new port; events to the old one fail (the emulator logs them) until then.
    listenPort = daemon.port().orElseThrow();
    emulator.addEventTarget(URI.create("http://127.0.0.1:" + listenPort + "/events"));
    return daemon;
  }

  /** Fills the warm pool with {@code n} instances. */
  void fillPool(int n) {
    aws.warmPool(GROUP, n);
  }

  List<String> poolStates() {
    return aws.pool(GROUP).stream().map(i -> i.lifecycleStateAsString()).toList();
  }

  /** The emulator's ACTION entries: {@code started ...}, {@code CONTINUE ...}, {@code heartbeat ...}, {@code expired ...}. */
  List<TimelineEntry> actions() {
    return emulator.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.ACTION).toList();
  }

  long actionCount(String prefix) {
    return actions().stream().filter(e -> e.to().startsWith(prefix)).count();
  }

  /** POSTs {@code body} to the daemon's event listener with the given headers; returns the status. */
  int postEvent(String body, Map<String, String> headers) throws Exception {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + listenPort + "/events"))
        .timeout(Duration.ofSeconds(10)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** The ids of the instances in the warm pool. */
  List<String> poolInstanceIds() {
    return aws.pool(GROUP).stream().map(i -> i.instanceId()).toList();
  }

  String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
    aws.close();
  }
}
