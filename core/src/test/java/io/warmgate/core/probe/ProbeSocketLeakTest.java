package io.warmgate.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.gate.ExecutorScheduler;
import io.warmgate.core.model.ProbeResult;
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.port.InstanceStatusChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 9, defect 2): probe sockets leak on protocol errors. An HTTP probe that failed on a
 * garbage status line, on headers past the cap or on a flood of 1xx answers never closed its connection;
 * a daemon probing one such endpoint ran out of file descriptors within minutes.
 *
 * <p>The hostile server here keeps its side of each connection open and reads until the probe closes
 * it, counting connections accepted and connections the probe closed: every one must be closed.
 */
class ProbeSocketLeakTest {

  private static final int PROBES = 6;
  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService serverThreads = Executors.newCachedThreadPool();
  private final Probes probes = new Probes(new ExecutorScheduler(Clock.systemUTC(), timer),
      id -> new InstanceStatusChecks.Status("ok", "ok"), Runnable::run);
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger closedByProbe = new AtomicInteger();
  private ServerSocket server;

  @AfterEach
  void tearDown() throws IOException {
    if (server != null) {
      server.close();
    }
    serverThreads.shutdownNow();
    probes.close();
    timer.shutdownNow();
  }

  @Test
  void probeSocketsLeakOnAGarbageStatusLine() throws Exception {
    assertEveryConnectionIsClosed(out -> out.write("HTTP/1.1 ??? garbage\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void probeSocketsLeakOnHeadersPastTheCap() throws Exception {
    assertEveryConnectionIsClosed(out -> {
      out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] header = ("X-Filler: " + "a".repeat(8000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 200; i++) { // 1.6 MB of headers, far past any client's cap
        out.write(header);
      }
      out.write(CRLF);
    });
  }

  @Test
  void probeSocketsLeakOnAFloodOf1xxAnswers() throws Exception {
    assertEveryConnectionIsClosed(out -> {
      byte[] info = "HTTP/1.1 102 Processing\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 20_000; i++) {
        out.write(info);
      }
    });
  }

  @Test
  void probeSocketsLeakOnAnAnswerThatIsNotHttp() throws Exception {
    assertEveryConnectionIsClosed(out -> out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII)));
  }

  interface Answer {
    void write(OutputStream out) throws IOException;
  }

  private void assertEveryConnectionIsClosed(Answer answer) throws Exception {
    int port = hostileServer(answer);
    HttpProbeSpec spec = HttpProbeSpec.http(port, "/health")
        .withConnectTimeout(Duration.ofSeconds(1)).withReadTimeout(Duration.ofSeconds(1));
    Probe probe = probes.from(spec);

    for (int i = 0; i < PROBES; i++) {
      ProbeResult r = probe.check(new ProbeTarget("i-1", "127.0.0.1")).toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertThat(r.passed()).as("probe %d: %s", i, r.detail()).isFalse();
    }

    // The probe must have closed every connection it opened, soon after its result (bounded wait).
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (closedByProbe.get() < accepted.get() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(accepted.get()).as("connections accepted").isGreaterThanOrEqualTo(1);
    assertThat(closedByProbe.get()).as("connections the probe closed, of %d accepted", accepted.get())
        .isEqualTo(accepted.get());
  }

  /** Answers each request with {@code answer}, then keeps the connection open until the probe closes it. */
  private int hostileServer(Answer answer) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    ServerSocket ss = server;
    serverThreads.execute(() -> {
      while (!ss.isClosed()) {
        Socket s;
        try {
          s = ss.accept();
        } catch (IOException e) {
          return;
        }
        accepted.incrementAndGet();
        serverThreads.execute(() -> serve(s, answer));
      }
    });
    return ss.getLocalPort();
  }

  private void serve(Socket s, Answer answer) {
    try (s) {
      s.setSoTimeout(200);
      InputStream in = s.getInputStream();
      readRequestHead(in);
      try {
        answer.write(s.getOutputStream());
        s.getOutputStream().flush();
      } catch (IOException e) {
        // the probe closed while we were still writing: that is a close too
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      byte[] buf = new byte[4096];
      while (System.nanoTime() < until) {
        try {
          if (in.read(buf) < 0) {
            closedByProbe.incrementAndGet();
            return;
          }
        } catch (SocketTimeoutException e) {
          // still open; keep waiting for the probe to close it
        } catch (IOException e) {
          closedByProbe.incrementAndGet(); // reset by the probe: closed as well
          return;
        }
      }
    } catch (IOException e) {
      closedByProbe.incrementAndGet();
    }
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (matched < 4 && System.nanoTime() < until) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException e) {
        continue;
      }
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
  }
}
