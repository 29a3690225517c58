package io.warmgate.cli.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.aws.event.LifecycleEventParser;
import io.warmgate.aws.event.LifecycleMessage;
import io.warmgate.aws.runner.MessageOutcome;
import io.warmgate.cli.daemon.JsonLogListener;
import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.core.port.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * The queue reader of {@code warmgate run --queue-url}: long-polls an SQS queue that EventBridge (or a hook's
 * notification) fills with lifecycle messages, parses each body, hands its messages to the dispatcher (the daemon's),
 * and acknowledges it as their {@link MessageOutcome}s say.
 *
 * <ul>
 *   <li>While a run holds a message, its visibility timeout is extended every half timeout, so no other reader
 *       gets it.
 *   <li>Every outcome {@link MessageOutcome.Disposition#DONE} (decided, gone, not ours, a test notification, handed
 *       over to the sweep): deleted.
 *   <li>Malformed: deleted; retrying it never helps (the dispatcher's listener writes its one WARN).
 *   <li>{@link MessageOutcome.Disposition#RETRY} (a run failed, the managed groups unknown): returned to the queue
 *       after a delay, and deleted with a WARN once it has been received {@code maxReceives} times (the sweep still
 *       finds its action), so no message loops forever.
 *   <li>Received again while held (SQS delivers at least once): the newest receipt handle is kept, which is the one
 *       a delete needs; no second run starts.
 *   <li>Stopping: no more receives; messages whose runs end because of the stop are returned at once (visibility 0)
 *       for the next runner. A killed process's messages come back when their visibility timeout ends.
 * </ul>
 *
 * <p>One polling thread; acknowledgements on a small pool of the runner's own. Thread-safe.
 */
public final class QueueRunner implements AutoCloseable {

  /**
   * How the runner polls.
   *
   * @param visibilityTimeout how long a received message stays hidden; extended every half of it while held
   * @param waitTime the long poll's wait, 0..20 s
   * @param maxInFlight the most messages held at once; no receive while the runner holds that many
   * @param maxReceives after this many receives a message whose run failed is deleted rather than returned
   */
  public record Options(Duration visibilityTimeout, Duration waitTime, int maxInFlight, int maxReceives) {
    public Options {
      Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
      Objects.requireNonNull(waitTime, "waitTime");
      // SQS's limits: ReceiveMessage's VisibilityTimeout (at most 12 h) and WaitTimeSeconds 0..20.
      if (visibilityTimeout.toSeconds() < 10 || visibilityTimeout.toSeconds() > 43_200) {
        throw new IllegalArgumentException("the visibility timeout must be 10s..12h, got " + visibilityTimeout.toSeconds() + "s");
      }
      if (waitTime.isNegative() || waitTime.toSeconds() > 20) {
        throw new IllegalArgumentException("the wait time must be 0..20s, got " + waitTime.toSeconds() + "s");
      }
      if (maxInFlight < 1 || maxInFlight > 10_000) {
        throw new IllegalArgumentException("max in flight must be 1..10000, got " + maxInFlight);
      }
      if (maxReceives < 1 || maxReceives > 1_000) {
        throw new IllegalArgumentException("max receives must be 1..1000, got " + maxReceives);
      }
    }

    /** The defaults of {@code warmgate run}: 60 s visibility, 20 s long polls, 100 held, 5 receives. */
    public static Options defaults() {
      return new Options(Duration.ofSeconds(60), Duration.ofSeconds(20), 100, 5);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final SqsClient sqs;
  private final String queueUrl;
  private final Function<List<LifecycleMessage>, List<CompletionStage<MessageOutcome>>> dispatcher;
  private final LifecycleEventParser parser = new LifecycleEventParser();
  private final Scheduler scheduler;
  private final JsonLogListener log;
  private final Options options;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final ExecutorService acks;
  private final Object wake = new Object();
  private final Thread poller;
  private volatile boolean stopping;

  /**
   * @param sqs the client (its endpoint and credentials); its HTTP read timeout must outlast the long poll
   * @param queueUrl the queue
   * @param dispatcher gates a body's messages and tells what became of each (the daemon's {@code dispatch})
   * @param scheduler times the visibility extensions
   * @param log where the runner's lines go
   */
  public QueueRunner(SqsClient sqs, String queueUrl,
      Function<List<LifecycleMessage>, List<CompletionStage<MessageOutcome>>> dispatcher,
      Scheduler scheduler, JsonLogListener log, Options options) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.log = Objects.requireNonNull(log, "log");
    this.options = Objects.requireNonNull(options, "options");
    this.acks = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "queue-acks");
      t.setDaemon(true);
      return t;
    });
    this.poller = new Thread(this::poll, "queue-poller");
    poller.setDaemon(true);
  }

  /** Starts polling. */
  public void start() {
    ObjectNode line = JSON.createObjectNode();
    line.put("level", "INFO");
    line.put("event", "queue-started");
    line.put("queueUrl", queueUrl);
    line.put("visibilityTimeoutSeconds", options.visibilityTimeout().toSeconds());
    line.put("waitTimeSeconds", options.waitTime().toSeconds());
    line.put("maxInFlight", options.maxInFlight());
    log.write(line);
    poller.start();
  }

  /** How many messages the runner holds now. */
  public int held() {
    return held.size();
  }

  /** Stops receiving; messages held go on until their runs end. Idempotent. */
  public void stopReceiving() {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /**
   * Stops receiving and waits, up to {@code grace}, for the messages held to be acknowledged (their runs end when
   * the daemon stops, so close the daemon first or alongside).
   */
  public void close(Duration grace) {
    stopReceiving();
    long end = System.nanoTime() + grace.toNanos();
    try {
      poller.join(Math.max(1, grace.toMillis()));
      while (!held.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    acks.shutdown();
    try {
      acks.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!held.isEmpty()) {
      log.log("WARN", "queue-stopped", held.size() + " message(s) still held; they return when their visibility"
          + " timeout ends");
    }
  }

  @Override
  public void close() {
    close(options.waitTime().plusSeconds(5));
  }

  private void poll() {
    int failures = 0;
    while (!stopping) {
      int room = options.maxInFlight() - held.size();
      if (room <= 0) {
        pause(Duration.ofMillis(200));
        continue;
      }
      List<Message> got;
      try {
        got = sqs.receiveMessage(request(Math.min(10, room))).messages();
        if (failures > 0) {
          log.log("INFO", "queue-recovered", "receiving again after " + failures + " failed attempt(s)");
        }
        failures = 0;
      } catch (SdkException | IllegalStateException e) {
        failures++;
        if (failures == 1 || Integer.bitCount(failures) == 1) {
          log.log("WARN", "queue-receive-failed", "cannot receive from " + queueUrl + " (attempt " + failures + "): "
              + e.getMessage());
        }
        pause(backoff(failures));
        continue;
      }
      for (Message m : got) {
        try {
          if (stopping) {
            release(m.messageId(), m.receiptHandle());
          } else {
            accept(m);
          }
        } catch (RuntimeException e) {
          // A bug must not end the polling: the message comes back when its visibility timeout ends.
          log.log("WARN", "queue-failed", "message " + m.messageId() + ": " + e);
        }
      }
    }
  }

  private ReceiveMessageRequest request(int max) {
    Duration wait = options.waitTime();
    return ReceiveMessageRequest.builder().queueUrl(queueUrl).maxNumberOfMessages(max)
        .waitTimeSeconds((int) wait.toSeconds()).visibilityTimeout((int) options.visibilityTimeout().toSeconds())
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
        // The long poll outlasts the clients' usual attempt timeout.
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(wait.plusSeconds(10)).apiCallTimeout(wait.plusSeconds(30)))
        .build();
  }

  private void accept(Message m) {
    Held fresh = new Held(m.messageId(), m.receiptHandle(), receiveCount(m));
    Held existing = held.putIfAbsent(m.messageId(), fresh);
    if (existing != null) {
      // Delivered again while its run goes on: only the newest handle deletes it; the run already in progress
      // decides it.
      existing.handle = m.receiptHandle();
      existing.receiveCount = Math.max(existing.receiveCount, fresh.receiveCount);
      return;
    }
    extendLater(fresh);
    List<LifecycleMessage> messages = parser.parseAll(m.body());
    List<CompletableFuture<MessageOutcome>> outcomes;
    try {
      outcomes = dispatcher.apply(messages).stream().map(CompletionStage::toCompletableFuture).toList();
    } catch (RuntimeException e) {
      log.log("WARN", "queue-dispatch-failed", "message " + m.messageId() + ": " + e);
      acknowledge(() -> finish(fresh, List.of(), true));
      return;
    }
    CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> acknowledge(
        () -> finish(fresh, outcomes.stream().filter(o -> !o.isCompletedExceptionally()).map(CompletableFuture::join)
            .toList(), error != null)));
  }

  // Runs on the runner's own threads, never the gate's; once closed, the message returns after its timeout.
  private void acknowledge(Runnable ack) {
    try {
      acks.execute(ack);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // Closed: nothing more is acknowledged.
    }
  }

  private void finish(Held h, List<MessageOutcome> outcomes, boolean failed) {
    h.done = true;
    h.extension.cancel();
    try {
      if (stopping && outcomes.stream().anyMatch(QueueRunner::endedByStop)) {
        // The runs ended because this runner stops: the next runner gets the message at once.
        release(h.messageId, h.handle);
      } else if (failed || outcomes.stream().anyMatch(o -> o.disposition() == MessageOutcome.Disposition.RETRY)) {
        String why = outcomes.stream().filter(o -> o.disposition() == MessageOutcome.Disposition.RETRY)
            .map(MessageOutcome::reason).findFirst().orElse("the dispatcher failed");
        if (h.receiveCount >= options.maxReceives()) {
          log.log("WARN", "queue-gave-up", "deleted message " + h.messageId + " after " + h.receiveCount
              + " receives (" + why + "); the sweep still finds its action");
          delete(h);
        } else {
          changeVisibility(h.handle, (int) Math.min(options.visibilityTimeout().toSeconds(), 30));
        }
      } else {
        if (!outcomes.isEmpty() && outcomes.stream().allMatch(o -> o.kind() == MessageOutcome.Kind.MALFORMED)) {
          // The dispatcher's listener has written its one WARN; this line ties it to the message deleted.
          log.log("INFO", "queue-malformed-deleted", "deleted malformed message " + h.messageId);
        }
        delete(h);
      }
    } finally {
      held.remove(h.messageId, h);
    }
  }

  private static boolean endedByStop(MessageOutcome o) {
    return o.kind() == MessageOutcome.Kind.SHUT_DOWN
        || o.finished().map(f -> f.outcome() == Outcome.HANDED_OVER).orElse(false);
  }

  private void delete(Held h) {
    try {
      sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(h.handle));
    } catch (SdkException e) {
      // It comes back after its visibility timeout and is gated again: a run joins or finds it decided.
      log.log("WARN", "queue-delete-failed", "could not delete message " + h.messageId + ": " + e.getMessage());
    }
  }

  private void release(String messageId, String handle) {
    if (!changeVisibility(handle, 0)) {
      log.log("INFO", "queue-release-failed", "message " + messageId + " returns when its visibility timeout ends");
    }
  }

  private boolean changeVisibility(String handle, int seconds) {
    try {
      sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(handle).visibilityTimeout(seconds));
      return true;
    } catch (SdkException e) {
      // A handle superseded by a newer receive, or a message no longer in flight: the next extension or the
      // newest handle does the work.
      return false;
    }
  }

  private void extendLater(Held h) {
    Duration half = options.visibilityTimeout().dividedBy(2);
    h.extension = scheduler.scheduleAt(scheduler.now().plus(half), () -> {
      if (h.done) {
        return;
      }
      try {
        acks.execute(() -> {
          if (!h.done) {
            changeVisibility(h.handle, (int) options.visibilityTimeout().toSeconds());
            extendLater(h);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // Closing: the message returns when its visibility timeout ends.
      }
    });
  }

  private static int receiveCount(Message m) {
    try {
      return Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static Duration backoff(int failures) {
    Duration d = Duration.ofSeconds(1L << Math.min(failures - 1, 5));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private void pause(Duration d) {
    synchronized (wake) {
      if (!stopping) {
        try {
          wake.wait(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
    }
  }

  /** A message the runner holds: its newest receipt handle and the extension of its visibility. */
  private static final class Held {
    final String messageId;
    volatile String handle;
    volatile int receiveCount;
    volatile Scheduler.Cancellable extension = () -> { };
    volatile boolean done;

    Held(String messageId, String handle, int receiveCount) {
      this.messageId = messageId;
      this.handle = handle;
      this.receiveCount = receiveCount;
    }
  }
}
