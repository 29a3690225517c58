package io.warmgate.cli.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Accepts EventBridge-shaped lifecycle events as JSON POSTs (from the emulator's event targets, an
 * EventBridge API destination or a relay) and hands each one to a consumer.
 *
 * <p>Answers 202 once the event is handed over, 400 for a body that is not a JSON object, 405 for other
 * methods and 413 above 256 KiB. The consumer must not block. Binds loopback unless told otherwise.
 */
public final class EventHttpListener implements AutoCloseable {

  /** The largest body accepted; EventBridge events are at most 256 KB. */
  static final int MAX_BODY = 256 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * Starts listening.
   *
   * @param address where to bind (e.g. 127.0.0.1:9876; port 0 picks a free one)
   * @param consumer receives each accepted event's JSON text
   * @throws UncheckedIOException if the address cannot be bound
   */
  public EventHttpListener(InetSocketAddress address, Consumer<String> consumer) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(consumer, "consumer");
    try {
      server = HttpServer.create(address, 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for events on " + address + ": " + e.getMessage(), e);
    }
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "event-listener");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, consumer));
    server.start();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void handle(HttpExchange exchange, Consumer<String> consumer) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "POST");
        reply(exchange, 405, "{\"error\":\"POST an EventBridge lifecycle event as JSON\"}");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        reply(exchange, 413, "{\"error\":\"event larger than 256 KiB\"}");
        return;
      }
      String text = new String(body, StandardCharsets.UTF_8);
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (IOException e) {
        reply(exchange, 400, "{\"error\":\"body is not JSON\"}");
        return;
      }
      if (node == null || !node.isObject()) {
        reply(exchange, 400, "{\"error\":\"body is not a JSON object\"}");
        return;
      }
      try {
        consumer.accept(text);
      } catch (RuntimeException e) {
        // A failure handling one event must answer the sender (who may retry), not reset its connection.
        reply(exchange, 500, "{\"error\":\"event not handled\"}");
        return;
      }
      reply(exchange, 202, "{\"accepted\":true}");
    }
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Stops accepting events; requests in flight get a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
