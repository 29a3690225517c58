package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventHttpListenerTest {

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final EventHttpListener listener =
      new EventHttpListener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty(), received::add);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    listener.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + "/events"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void acceptsAJsonEventAndHandsItOver() throws Exception {
    HttpResponse<String> response = post("{\"detail-type\":\"EC2 Instance-launch Lifecycle Action\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(received).containsExactly("{\"detail-type\":\"EC2 Instance-launch Lifecycle Action\"}");
  }

  @Test
  void rejectsABodyThatIsNotAJsonObject() throws Exception {
    assertThat(post("not json").statusCode()).isEqualTo(400);
    assertThat(post("[1,2]").statusCode()).isEqualTo(400);
    assertThat(received).isEmpty();
  }

  @Test
  void rejectsOtherMethods() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + "/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
  }

  @Test
  void rejectsAnOversizedBody() throws Exception {
    assertThat(post("{\"x\":\"" + "a".repeat(EventHttpListener.MAX_BODY) + "\"}").statusCode()).isEqualTo(413);
    assertThat(received).isEmpty();
  }

  @Test
  void aConsumerThatFailsAnswers500InsteadOfDroppingTheConnection() throws Exception {
    // Regression: an exception from the event handler escaped the exchange, so the sender saw its
    // connection closed without an answer.
    try (EventHttpListener failing = new EventHttpListener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Optional.empty(), body -> {
          throw new IllegalStateException("boom");
        })) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + failing.port() + "/events"))
              .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).contains("not handled");
    }
  }

  @Test
  void theDaemonsEventListenerIsBlockedByTwoHalfRequestClients() throws Exception {
    // Regression (issue 9, defect 4): two clients that sent half a request held the listener's two
    // threads forever (no read timeout), and no event got through.
    List<Socket> halfDone = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.port());
        s.getOutputStream().write("POST /events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"half\":".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        halfDone.add(s);
      }

      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + "/events"))
          .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("{\"whole\":true}")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(received).containsExactly("{\"whole\":true}");
    } finally {
      for (Socket s : halfDone) {
        s.close();
      }
    }
  }

  @Test
  void aClientThatNeverFinishesItsRequestIsCutOffAfterTheRequestTimeout() throws Exception {
    try (EventHttpListener quick = new EventHttpListener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Optional.empty(), received::add, Duration.ofMillis(500));
        Socket s = new Socket(InetAddress.getLoopbackAddress(), quick.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write("POST /events HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();

      InputStream in = s.getInputStream();
      int read = in.read(); // blocks until the listener closes the connection

      assertThat(read).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
      assertThat(received).isEmpty();
    }
  }

  @Test
  void withASharedSecretOnlyRequestsThatCarryItAreAccepted() throws Exception {
    try (EventHttpListener guarded = new EventHttpListener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Optional.of("s3cret-value"), received::add)) {
      URI uri = URI.create("http://127.0.0.1:" + guarded.port() + "/events");
      HttpRequest.Builder base = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}"));

      int none = http.send(base.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
      int wrong = http.send(HttpRequest.newBuilder(uri).header(EventHttpListener.SECRET_HEADER, "guess")
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
      int right = http.send(HttpRequest.newBuilder(uri).header(EventHttpListener.SECRET_HEADER, "s3cret-value")
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();

      assertThat(none).isEqualTo(401);
      assertThat(wrong).isEqualTo(401);
      assertThat(right).isEqualTo(202);
      assertThat(received).containsExactly("{}");
    }
  }

  @Test
  void refusesToListenBeyondLoopbackWithoutASharedSecret() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            new EventHttpListener(new InetSocketAddress("0.0.0.0", 0), Optional.empty(), received::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a shared secret");
  }
}
