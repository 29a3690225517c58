package io.warmgate.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.policy.StatusCodes;
import io.warmgate.core.port.InstanceStatusChecks;
import io.warmgate.core.gate.ExecutorScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP probe against real servers on 127.0.0.1: healthy, failing, slow, hanging, hostile and TLS ones. */
class HttpProbeTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final ProbeTarget TARGET = new ProbeTarget("i-1", "127.0.0.1");

  // Real time: the probe's timeouts run on this scheduler, and the servers here answer in real time.
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), timer);
  private final ExecutorService serverThreads = Executors.newCachedThreadPool();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Probes probes =
      new Probes(scheduler, id -> new InstanceStatusChecks.Status("ok", "ok"), Runnable::run);

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    serverThreads.shutdownNow();
    probes.close();
    timer.shutdownNow();
  }

  private HttpProbeSpec spec(int port, String path) {
    return HttpProbeSpec.http(port, path).withConnectTimeout(Duration.ofSeconds(1)).withReadTimeout(Duration.ofMillis(700));
  }

  private ProbeResult check(HttpProbeSpec spec) throws Exception {
    // The bound is only a safety net against a hung test; the probe's own timeouts are far shorter.
    return probes.from(spec).check(TARGET).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private HttpServer server(String path, int status, String body, Duration delay) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 50);
    server.createContext(path, exchange -> {
      try {
        if (!delay.isZero()) {
          Thread.sleep(delay.toMillis());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
          exchange.getResponseBody().write(bytes);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    server.setExecutor(serverThreads);
    server.start();
    closeables.add(() -> server.stop(0));
    return server;
  }

  /** A raw server that hands each accepted socket to {@code handler}. */
  private int rawServer(SocketHandler handler) throws IOException {
    ServerSocket ss = new ServerSocket(0, 50, LOOPBACK);
    closeables.add(ss);
    serverThreads.execute(() -> {
      while (!ss.isClosed()) {
        try {
          Socket s = ss.accept();
          closeables.add(s);
          serverThreads.execute(() -> {
            try {
              handler.handle(s);
            } catch (IOException | InterruptedException e) {
              // the client went away: expected when the probe gives up
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    });
    return ss.getLocalPort();
  }

  interface SocketHandler {
    void handle(Socket s) throws IOException, InterruptedException;
  }

  private static void readRequestHead(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
  }

  @Test
  void passesOnAnAcceptedStatus() throws Exception {
    HttpServer s = server("/health", 200, "ok", Duration.ZERO);

    ProbeResult r = check(spec(s.getAddress().getPort(), "/health"));

    assertThat(r.passed()).isTrue();
    assertThat(r.detail()).isEqualTo("status 200");
    assertThat(r.probe()).isEqualTo("http:" + s.getAddress().getPort() + "/health");
    assertThat(r.at()).isBeforeOrEqualTo(scheduler.now());
  }

  @Test
  void failsOnAStatusOutsideTheAcceptedCodes() throws Exception {
    HttpServer s = server("/health", 503, "starting", Duration.ZERO);

    ProbeResult r = check(spec(s.getAddress().getPort(), "/health"));

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).isEqualTo("status 503 not in 200-299");
  }

  @Test
  void checksTheBodyForTheExpectedText() throws Exception {
    HttpServer s = server("/health", 200, "{\"status\":\"starting\"}", Duration.ZERO);
    int port = s.getAddress().getPort();

    ProbeResult lacks = check(spec(port, "/health").withBodyContains(Optional.of("\"ready\"")));
    ProbeResult has = check(spec(port, "/health").withBodyContains(Optional.of("starting")));

    assertThat(lacks.passed()).isFalse();
    assertThat(lacks.detail()).contains("body lacks");
    assertThat(has.passed()).isTrue();
  }

  @Test
  void failsWhenTheServerAnswersTooSlowly() throws Exception {
    HttpServer s = server("/slow", 200, "ok", Duration.ofSeconds(5));

    ProbeResult r = check(spec(s.getAddress().getPort(), "/slow"));

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).isEqualTo("no response within 700ms");
  }

  @Test
  void failsWhenTheServerAcceptsAndNeverAnswers() throws Exception {
    int port = rawServer(s -> {
      readRequestHead(s);
      Thread.sleep(60_000);
    });

    ProbeResult r = check(spec(port, "/"));

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).containsAnyOf("no response within", "timeout");
  }

  @Test
  void failsOnARedirectAndNeverFollowsIt() throws Exception {
    AtomicInteger targetHits = new AtomicInteger();
    HttpServer s = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 50);
    s.createContext("/", exchange -> {
      if (exchange.getRequestURI().getPath().equals("/login")) {
        targetHits.incrementAndGet();
        exchange.sendResponseHeaders(200, -1);
      } else {
        exchange.getResponseHeaders().add("Location", "/login");
        exchange.sendResponseHeaders(302, -1);
      }
      exchange.close();
    });
    s.setExecutor(serverThreads);
    s.start();
    closeables.add(() -> s.stop(0));

    ProbeResult r = check(spec(s.getAddress().getPort(), "/"));

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).isEqualTo("status 302 not in 200-299 (redirect to /login, not followed)");
    assertThat(targetHits).hasValue(0);
  }

  @Test
  void readsAtMost64KiBOfAHugeBodyAndStopsTheTransfer() throws Exception {
    long huge = 50L * 1024 * 1024;
    AtomicLong written = new AtomicLong();
    int port = rawServer(s -> {
      readRequestHead(s);
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + huge + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[16 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      while (written.get() < huge) {
        out.write(chunk);
        written.addAndGet(chunk.length);
      }
    });

    ProbeResult r = check(spec(port, "/").withBodyContains(Optional.of("ready")));

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).contains("in the first 64 KiB");
    // Whatever the socket buffers held, the client stopped reading long before 50 MB.
    Thread.sleep(200);
    System.out.printf("huge body: server wrote %d KiB of %d MiB before the probe hung up%n", written.get() / 1024, huge >> 20);
    assertThat(written.get()).isLessThan(huge / 4);
  }

  @Test
  void failsWhenTheBodyTricklesInSlowerThanTheTimeouts() throws Exception {
    int port = rawServer(s -> {
      readRequestHead(s);
      OutputStream out = s.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 1000; i++) {
        out.write('x');
        out.flush();
        Thread.sleep(100);
      }
    });

    ProbeResult r = check(spec(port, "/").withBodyContains(Optional.of("ready")));

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).isEqualTo("timeout after 1700ms");
  }

  @Test
  void failsOnABlankAddressInsteadOfProbingTheGatesOwnMachine() throws Exception {
    ProbeResult r = probes.from(spec(80, "/")).check(new ProbeTarget("i-1", "")).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).startsWith("bad address");
  }

  @Test
  void failsOnAnAnswerThatIsNotHttp() throws Exception {
    int port = rawServer(s -> {
      readRequestHead(s);
      s.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
      s.close();
    });

    ProbeResult r = check(spec(port, "/"));

    assertThat(r.passed()).isFalse();
  }

  @Test
  void failsWhenTheConnectionIsRefused() throws Exception {
    int port;
    try (ServerSocket ss = new ServerSocket(0, 1, LOOPBACK)) {
      port = ss.getLocalPort();
    }

    ProbeResult r = check(spec(port, "/"));

    assertThat(r.passed()).isFalse();
    assertThat(r.detail()).startsWith("connection refused");
  }

  @Test
  void failsOnASelfSignedCertificateUnlessTrustedThenPasses(@TempDir Path dir) throws Exception {
    HttpsServer s = httpsServer(dir);
    // The first TLS handshakes of a JVM load the trust store and crypto providers, and the JDK's HTTPS
    // server is slow to answer: on a loaded 2-core machine that took longer than the other tests' timeouts.
    HttpProbeSpec https = spec(s.getAddress().getPort(), "/health").withScheme("https")
        .withConnectTimeout(Duration.ofSeconds(15)).withReadTimeout(Duration.ofSeconds(15));

    ProbeResult strict = check(https);
    ProbeResult trusting = check(https.withTrustSelfSigned(true));

    assertThat(strict.passed()).isFalse();
    assertThat(strict.detail()).startsWith("TLS failed");
    assertThat(trusting.passed()).as(trusting.detail()).isTrue();
    assertThat(trusting.detail()).isEqualTo("status 200");
  }

  @Test
  void sharesOneProbePerSpecAndOneTlsContextPerTrustSetting() {
    HttpProbeSpec a = spec(80, "/a");

    assertThat(probes.tlsContext(false)).isSameAs(probes.tlsContext(false));
    assertThat(probes.tlsContext(true)).isNotSameAs(probes.tlsContext(false));
    assertThat(probes.from(a)).isSameAs(probes.from(spec(80, "/a")));
    assertThat(probes.from(a)).isNotSameAs(probes.from(spec(81, "/b").withCodes(StatusCodes.parse("200"))));
  }

  private HttpsServer httpsServer(Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=instance.local", "-validity", "2", "-storetype", "PKCS12",
            "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer s = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 50);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx));
    s.createContext("/health", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    s.setExecutor(serverThreads);
    s.start();
    closeables.add(() -> s.stop(0));
    return s;
  }
}
