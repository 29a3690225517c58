package io.warmgate.core.probe;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most {@code cap} bytes of a response body, then cancels the subscription so the client stops
 * reading and drops the connection: a hostile or huge body costs at most the cap in memory.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<CappedBodySubscriber.Body> {

  /** The body read, decoded as UTF-8 (malformed bytes replaced), and whether it was cut at the cap. */
  record Body(String text, int bytes, boolean truncated) {}

  private final int cap;
  private final byte[] buffer;
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private int size;
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;

  CappedBodySubscriber(int cap) {
    this.cap = cap;
    this.buffer = new byte[cap];
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      int n = Math.min(b.remaining(), cap - size);
      b.get(buffer, size, n);
      size += n;
      if (size >= cap) {
        subscription.cancel();
        result.complete(body(true));
        return;
      }
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(body(false));
  }

  /** Stops reading (the probe timed out); the body stage fails if it had not completed. */
  void cancel(Throwable why) {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    result.completeExceptionally(why);
  }

  private Body body(boolean truncated) {
    return new Body(new String(buffer, 0, size, StandardCharsets.UTF_8), size, truncated);
  }
}
