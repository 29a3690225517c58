package io.warmgate.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.emulator.EmulatorFaults;
import io.warmgate.emulator.InstanceSnapshot;
import io.warmgate.emulator.TimelineEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Hostile health endpoints, one per instance: flapping, hanging after the headers, trickling, a 1 GB
 * body, a redirect off the host, resets, garbage, a flood of 1xx answers, endless headers, and a bad
 * (self-signed) certificate. The gate's policy needs 3 consecutive passes and abandons at a 5 min deadline.
 */
final class HostileHealthRow implements FaultRow {

  private static final double SPEED = 30;
  private static final int PORT = 18080;
  private static final Duration LATENESS_BOUND = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String fault() {
    return "hostile health endpoints: flapping, hang after headers, trickle, 1 GB body, redirect off-host, reset,"
        + " garbage, 1xx flood, huge headers, bad certificate";
  }

  @Override
  public String guarantee() {
    return "never CONTINUE before 3 consecutive passes; every probe bounded in time and in what it reads; no socket"
        + " left open (counted on both ends)";
  }

  @Override
  public void run(Figures figures, boolean longRun) throws Exception {
    List<HostileEndpoint.Mode> plain = new ArrayList<>(List.of(HostileEndpoint.Mode.values()));
    plain.remove(HostileEndpoint.Mode.BAD_CERTIFICATE);
    Path dir = Files.createTempDirectory("warmgate-hostile");
    List<HostileEndpoint> endpoints = new ArrayList<>();
    AtomicInteger offHostHits = new AtomicInteger();
    try (FaultWorld world = new FaultWorld("hostile", SPEED, 304, EmulatorFaults.NONE);
        ServerSocket offHost = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.2"))) {
      Thread counter = new Thread(() -> {
        while (!offHost.isClosed()) {
          try (var s = offHost.accept()) {
            offHostHits.incrementAndGet();
          } catch (IOException e) {
            return;
          }
        }
      }, "off-host");
      counter.setDaemon(true);
      counter.start();
      // keytool takes seconds of real time, minutes on this clock: before the instances launch.
      SSLContext tls = selfSigned(dir);
      world.group("hostile", plain.size(), 900);
      world.group("hostile-tls", 1, 900, FaultWorld.HEALTH_PORT, "{\"warmgate\":{\"http\":{\"scheme\":\"https\"}}}");
      Map<String, String> env = FaultWorld.baseEnvironment();
      env.put("WARMGATE_HTTP_PORT", String.valueOf(PORT));
      env.put("WARMGATE_DEADLINE", "5m");
      env.put("WARMGATE_AT_DEADLINE", "ABANDON");
      world.startDaemon(List.of("hostile", "hostile-tls"), env, false);
      world.fillPool("hostile", plain.size());
      world.fillPool("hostile-tls", 1);
      assertThat(world.await(Duration.ofSeconds(30), () -> world.instances("hostile").size() == plain.size()
          && world.instances("hostile-tls").size() == 1)).isTrue();
      Map<String, HostileEndpoint> byInstance = new HashMap<>();
      List<InstanceSnapshot> hostile = world.instances("hostile");
      for (int i = 0; i < plain.size(); i++) {
        HostileEndpoint e = new HostileEndpoint(plain.get(i), hostile.get(i).privateIp(), PORT, tls,
            "http://127.0.0.2:" + offHost.getLocalPort() + "/");
        endpoints.add(e);
        byInstance.put(hostile.get(i).instanceId(), e);
      }
      InstanceSnapshot tlsInstance = world.instances("hostile-tls").get(0);
      HostileEndpoint badCert = new HostileEndpoint(HostileEndpoint.Mode.BAD_CERTIFICATE, tlsInstance.privateIp(), PORT, tls, "");
      endpoints.add(badCert);
      byInstance.put(tlsInstance.instanceId(), badCert);

      // Every original instance's wait ends (the gate abandons at its deadline, or continues a passing one).
      boolean ended = world.await(Duration.ofSeconds(90), () -> byInstance.keySet().stream().allMatch(id ->
          !world.entries(id, TimelineEntry.Kind.ACTION, "ABANDON").isEmpty()
              || !world.entries(id, TimelineEntry.Kind.ACTION, "CONTINUE").isEmpty()
              || !world.entries(id, TimelineEntry.Kind.ACTION, "expired").isEmpty()));
      int openAtEnd = endpoints.stream().mapToInt(e -> e.open.get()).sum();
      for (HostileEndpoint e : endpoints) {
        e.close();
      }
      // What the gate's side still holds once every endpoint has gone: each is a socket it never closed.
      Thread.sleep(2000);
      long clientSockets = clientSocketsTo(world.emulator.ipBlock(), PORT);

      Checks.onTime(world, LATENESS_BOUND, figures);
      assertThat(ended).as("every hostile instance's wait ended: %s %s", world.states("hostile"), world.states("hostile-tls")).isTrue();
      int probes = endpoints.stream().mapToInt(e -> e.accepted.get()).sum();
      int leftOpen = endpoints.stream().mapToInt(e -> e.leftOpen.get()).sum();
      long maxTaken = endpoints.stream().mapToLong(e -> e.maxBytesTaken.get()).max().orElse(0);
      long maxProbeMs = 0;
      List<String> problems = new ArrayList<>();
      long continued = 0;
      for (Map.Entry<String, HostileEndpoint> e : byInstance.entrySet()) {
        List<JsonNode> decisions = decisions(world, e.getKey());
        int streak = 0;
        for (JsonNode d : decisions) {
          boolean passed = true;
          for (JsonNode p : d.path("probes")) {
            passed &= p.path("passed").asBoolean();
            maxProbeMs = Math.max(maxProbeMs, p.path("tookMs").asLong());
          }
          streak = passed ? streak + 1 : 0;
          if (d.path("decision").asText().equalsIgnoreCase("continue")) {
            continued++;
            if (streak < 3 || !e.getValue().mode.mayPass) {
              problems.add(e.getValue().mode + " continued after " + streak + " consecutive passes");
            }
          }
          if (passed && !e.getValue().mode.mayPass) {
            problems.add(e.getValue().mode + " passed a probe: " + d);
          }
        }
        if (decisions.size() < 3) {
          problems.add(e.getValue().mode + " decided only " + decisions.size() + " rounds (a probe hung?)");
        }
      }
      figures.put("endpoints", endpoints.size()).put("probe connections", probes).put("continued", continued)
          .put("max probe", Duration.ofMillis(maxProbeMs)).put("max bytes read by one probe", maxTaken)
          .put("connections open at end", openAtEnd).put("left open", leftOpen)
          .put("gate sockets after endpoints closed", clientSockets).put("off-host hits", offHostHits.get());
      assertThat(problems).isEmpty();
      assertThat(maxProbeMs).as("every probe within its 5 s timeout (+ the clock's lateness)")
          .isLessThanOrEqualTo(5000 + world.maxLateness().toMillis() + 2000);
      assertThat(maxTaken).as("a probe reads a bounded amount of a 1 GB body or endless headers").isLessThan(64L << 20);
      assertThat(leftOpen).as("connections the gate left open").isZero();
      assertThat(clientSockets).as("gate sockets still open to the endpoints").isZero();
      assertThat(offHostHits.get()).as("redirects followed off the host").isZero();
      assertThat(endpoints).as("every endpoint was probed again and again (its rounds were not vacuous)")
          .allSatisfy(e -> assertThat(e.accepted.get()).as("%s", e.mode).isGreaterThanOrEqualTo(5));
    } finally {
      for (HostileEndpoint e : endpoints) {
        e.close();
      }
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static List<JsonNode> decisions(FaultWorld world, String instanceId) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : world.logLines("decision")) {
      if (line.contains(instanceId)) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  /**
   * Sockets of this JVM connected to {@code 127.BLOCK.*.*:PORT} that are still established or half closed
   * (CLOSE_WAIT), from {@code /proc/net/tcp}: the leak of issue 9 showed there. -1 where it cannot be read.
   */
  static long clientSocketsTo(int block, int port) throws IOException {
    Path tcp = Path.of("/proc/net/tcp");
    if (!Files.isReadable(tcp)) {
      return -1;
    }
    String portHex = String.format("%04X", port);
    String blockHex = String.format("%02X", block);
    return Files.readAllLines(tcp).stream().skip(1).map(String::trim).map(l -> l.split("\\s+")).filter(f -> {
      String remote = f[2];
      String state = f[3];
      // Little-endian IPv4: 127.B.x.y is written yyxxBB7F.
      return remote.endsWith(":" + portHex) && remote.substring(4, 8).equals(blockHex + "7F")
          && (state.equals("01") || state.equals("08"));
    }).count();
  }

  /** A TLS context with a fresh self-signed certificate (keytool), which the gate must refuse. */
  private static SSLContext selfSigned(Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=hostile", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
