package io.warmgate.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventHttpListenerTest {

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final EventHttpListener listener =
      new EventHttpListener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), received::add);
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
        body -> {
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
}
