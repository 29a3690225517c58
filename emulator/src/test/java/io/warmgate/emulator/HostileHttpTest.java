package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hostile clients on the API port: garbage, half requests, idle keep-alive connections. */
class HostileHttpTest {
  private WarmPoolEmulator emulator;

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", emulator.port()), 5_000);
    s.setSoTimeout(20_000);
    return s;
  }

  /** Reads until the server closes the connection and returns what it sent; fails on the socket timeout. */
  private static String readUntilClosed(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    int n;
    while ((n = in.read(buf)) >= 0) {
      out.write(buf, 0, n);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Test
  void aGarbageRequestLineGets400AndTheConnectionIsClosedInsteadOfHanging() throws IOException {
    emulator = WarmPoolEmulator.builder().start();
    try (Socket s = connect()) {
      send(s, "\u0001\u0002 GARBAGE \u0003 nonsense\r\nHost: x\r\n\r\n");
      String answer = readUntilClosed(s);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("<Code>MalformedQueryString</Code>");
    }
  }

  @Test
  void anOversizedHeaderGets400AndTheConnectionIsClosed() throws IOException {
    emulator = WarmPoolEmulator.builder().start();
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nX-Junk: " + "a".repeat(20_000) + "\r\n\r\n");
      String answer = readUntilClosed(s);
      assertThat(answer).startsWith("HTTP/1.1 4");
    }
  }

  @Test
  void aHalfSentRequestIsDroppedAfterTheIdleTimeout() throws IOException {
    emulator = WarmPoolEmulator.builder().apiIdleTimeout(Duration.ofMillis(300)).start();
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=Descr");
      assertThat(readUntilClosed(s)).isEmpty();
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
    emulator = WarmPoolEmulator.builder().apiIdleTimeout(Duration.ofMillis(300)).start();
    try (Socket s = connect()) {
      String body = "Action=DescribeLifecycleHookTypes&Version=2011-01-01";
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body);
      assertThat(readUntilClosed(s)).startsWith("HTTP/1.1 200").contains("autoscaling:EC2_INSTANCE_LAUNCHING");
    }
  }

  @Test
  void aConnectionThatDoesNotSendAnythingIsClosed() throws IOException {
    emulator = WarmPoolEmulator.builder().apiIdleTimeout(Duration.ofMillis(300)).start();
    try (Socket s = connect()) {
      assertThat(readUntilClosed(s)).isEmpty();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept a silent connection open", e);
    }
  }

  @Test
  void aBodyOverFourMegabytesGets413AndTheConnectionIsClosed() throws IOException {
    // Netty answers 413 at once and would discard the announced body; the client never sends
    // it, so the request deadline closes the connection.
    emulator = WarmPoolEmulator.builder().apiIdleTimeout(Duration.ofMillis(300)).start();
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: " + (5 * 1024 * 1024) + "\r\n\r\nAction=DescribeTags&");
      assertThat(readUntilClosed(s)).startsWith("HTTP/1.1 413")
          .contains("<ErrorResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">")
          .contains("<Code>RequestEntityTooLarge</Code>");
    }
  }

  @Test
  void aSixMegabyteBodyAnnouncedWithExpectContinueGetsAnAwsErrorDocumentNotABare413() throws IOException {
    emulator = WarmPoolEmulator.builder().start();
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/ec2/aws4_request\r\n"
          + "Expect: 100-continue\r\nContent-Length: " + (6 * 1024 * 1024) + "\r\n\r\n");
      String answer = readUntilClosed(s);
      assertThat(answer).startsWith("HTTP/1.1 413").doesNotContain("100 Continue")
          .containsIgnoringCase("Content-Type: text/xml")
          .contains("<Response><Errors><Error><Code>RequestEntityTooLarge</Code>")
          .endsWith("</Response>");
    }
  }

  @Test
  void anOversizedEventBridgeRequestGetsAJsonErrorDocument() throws IOException {
    emulator = WarmPoolEmulator.builder().start();
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSEvents.PutRule\r\n"
          + "Content-Type: application/x-amz-json-1.1\r\nExpect: 100-continue\r\n"
          + "Content-Length: " + (6 * 1024 * 1024) + "\r\n\r\n");
      assertThat(readUntilClosed(s)).startsWith("HTTP/1.1 413")
          .containsIgnoringCase("Content-Type: application/x-amz-json-1.1")
          .contains("{\"__type\":\"RequestEntityTooLarge\"");
    }
  }

  @Test
  void aJsonBodyIsAnAwsErrorNotAServerError() throws IOException {
    emulator = WarmPoolEmulator.builder().start();
    try (Socket s = connect()) {
      String body = "{\"Action\":\"DescribeTags\"}";
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body);
      assertThat(readUntilClosed(s)).startsWith("HTTP/1.1 400").contains("<Code>MissingAction</Code>");
    }
  }

  @Test
  void theApiStillAnswersAfterHostileClients() throws Exception {
    emulator = WarmPoolEmulator.builder().apiIdleTimeout(Duration.ofMillis(300)).start();
    for (int k = 0; k < 20; k++) {
      try (Socket s = connect()) {
        send(s, k % 2 == 0 ? "GET /\u0000\u0000 HTTP/9.9\r\n\r\n" : "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n");
        readUntilClosed(s);
      }
    }
    try (Socket s = connect()) {
      String body = "Action=DescribeLifecycleHookTypes&Version=2011-01-01";
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
      assertThat(readUntilClosed(s)).startsWith("HTTP/1.1 200");
    }
  }
}
