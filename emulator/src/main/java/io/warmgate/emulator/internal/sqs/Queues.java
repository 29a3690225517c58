package io.warmgate.emulator.internal.sqs;

import io.warmgate.emulator.EmulatorClock;
import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * The emulated account's SQS standard queues: messages, visibility timeouts, receive counts, receipt handles
 * and long polls, on the emulator's clock. Limits are SQS's own, as the API reference states them
 * (docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html, API_SendMessage.html,
 * API_ChangeMessageVisibility.html, API_DeleteMessage.html, API_CreateQueue.html). Errors carry the query error
 * code ({@code AWS.SimpleQueueService.NonExistentQueue}, {@code ReceiptHandleIsInvalid}, ...), which the JSON
 * protocol sends in {@code x-amzn-query-error}. FIFO queues are not modelled. Thread-safe: one lock.
 */
public final class Queues {
  /** The longest visibility timeout, 12 hours, also the cap on a message's total visibility after a receive. */
  public static final int MAX_VISIBILITY_SECONDS = 43_200;
  /** The longest long poll. */
  public static final int MAX_WAIT_SECONDS = 20;
  /** The most messages one receive returns. */
  public static final int MAX_RECEIVE = 10;
  /** The largest message body by default and at most, 1 MiB (SendMessage, MessageBody). */
  public static final int MAX_MESSAGE_BYTES = 1_048_576;
  /** SQS's quota of in-flight messages per standard queue; the emulator also caps stored messages there. */
  public static final int MAX_MESSAGES = 120_000;
  /** The emulator's own bound on queues, so that a client cannot grow memory without end. */
  public static final int MAX_QUEUES = 1_000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Map<String, int[]> ATTRIBUTE_RANGES = Map.of(
      "VisibilityTimeout", new int[] {0, MAX_VISIBILITY_SECONDS},
      "DelaySeconds", new int[] {0, 900},
      "MessageRetentionPeriod", new int[] {60, 1_209_600},
      "MaximumMessageSize", new int[] {1_024, MAX_MESSAGE_BYTES},
      "ReceiveMessageWaitTimeSeconds", new int[] {0, MAX_WAIT_SECONDS});
  private static final Map<String, String> DEFAULTS = Map.of(
      "VisibilityTimeout", "30", "DelaySeconds", "0", "MessageRetentionPeriod", "345600",
      "MaximumMessageSize", String.valueOf(MAX_MESSAGE_BYTES), "ReceiveMessageWaitTimeSeconds", "0");

  private final EmulatorClock clock;
  private final String region;
  private final String accountId;
  private final Random random;
  private final DoubleSupplier redeliveryRate;
  private final Map<String, Queue> queues = new TreeMap<>();
  private long redelivered;
  private long sent;
  private long received;
  private long deleted;

  /**
   * @param redeliveryRate the fraction of received messages SQS also leaves visible, so that another receive gets
   *     them again with a new handle (a standard queue's "at least once", as a fault)
   */
  public Queues(EmulatorClock clock, String region, String accountId, long seed, DoubleSupplier redeliveryRate) {
    this.clock = clock;
    this.region = region;
    this.accountId = accountId;
    this.random = new Random(seed ^ 0x51_51_51L);
    this.redeliveryRate = redeliveryRate;
  }

  /** The account that owns every queue. */
  public String accountId() {
    return accountId;
  }

  /** The ARN of a queue of that name, whether or not it exists. */
  public String arnOf(String name) {
    return "arn:aws:sqs:" + region + ":" + accountId + ":" + name;
  }

  /**
   * Creates a queue, or returns the existing one if its attributes are the same (CreateQueue is idempotent).
   *
   * @throws ApiException QueueAlreadyExists if it exists with other attributes; InvalidAttributeName or
   *     InvalidAttributeValue for a bad attribute; UnsupportedOperation for a FIFO queue
   */
  public synchronized String create(String name, Map<String, String> attributes) {
    requireName(name);
    Map<String, String> settings = new TreeMap<>(DEFAULTS);
    attributes.forEach((k, v) -> settings.put(k, checkAttribute(k, v)));
    Queue existing = queues.get(name);
    if (existing != null) {
      for (Map.Entry<String, String> a : attributes.entrySet()) {
        if (!a.getValue().equals(existing.settings.get(a.getKey()))) {
          throw new ApiException(400, "QueueAlreadyExists", "A queue already exists with the same name and a"
              + " different value for attribute " + a.getKey());
        }
      }
      return name;
    }
    if (queues.size() >= MAX_QUEUES) {
      throw new ApiException(400, "OverLimit", "The emulator holds at most " + MAX_QUEUES + " queues.");
    }
    queues.put(name, new Queue(name, settings, clock.now()));
    return name;
  }

  /** Whether a queue of that name exists. */
  public synchronized boolean exists(String name) {
    return queues.containsKey(name);
  }

  /** The queue's attributes: the settings and the approximate counts, as GetQueueAttributes names them. */
  public synchronized Map<String, String> attributes(String name) {
    Queue q = queue(name);
    Instant now = clock.now();
    q.dropExpired(now);
    Map<String, String> out = new TreeMap<>(q.settings);
    long visible = q.messages.values().stream().filter(m -> !m.visibleAt.isAfter(now)).count();
    long delayed = q.messages.values().stream().filter(m -> m.receiveCount == 0 && m.visibleAt.isAfter(now)).count();
    out.put("ApproximateNumberOfMessages", String.valueOf(visible));
    out.put("ApproximateNumberOfMessagesDelayed", String.valueOf(delayed));
    out.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(q.messages.size() - visible - delayed));
    out.put("QueueArn", arnOf(name));
    out.put("CreatedTimestamp", String.valueOf(q.created.getEpochSecond()));
    out.put("LastModifiedTimestamp", String.valueOf(q.created.getEpochSecond()));
    return out;
  }

  /**
   * Puts a message on the queue and wakes a waiting receive.
   *
   * @param delaySeconds 0..900, or null for the queue's DelaySeconds
   * @return the message id and the body's MD5
   * @throws ApiException for an empty, oversized or unencodable body, a bad delay, or a full queue
   */
  public String[] send(String name, String body, Integer delaySeconds) {
    List<Runnable> wake;
    String[] ids;
    synchronized (this) {
      Queue q = queue(name);
      if (body == null) {
        throw new ApiException(400, "MissingParameter", "The request must contain the parameter MessageBody.");
      }
      int bytes = body.getBytes(StandardCharsets.UTF_8).length;
      int max = Integer.parseInt(q.settings.get("MaximumMessageSize"));
      if (bytes < 1 || bytes > max) {
        throw new ApiException(400, "InvalidParameterValue", "One or more parameters are invalid. Reason: Message"
            + " must be shorter than " + max + " bytes and contain at least one character.");
      }
      if (!Check.xmlChars(body)) {
        throw new ApiException(400, "InvalidMessageContents", "Invalid characters found. Valid unicode characters"
            + " are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
      }
      int delay = delaySeconds != null ? range("DelaySeconds", delaySeconds, 0, 900)
          : Integer.parseInt(q.settings.get("DelaySeconds"));
      Instant now = clock.now();
      q.dropExpired(now);
      if (q.messages.size() >= MAX_MESSAGES) {
        throw new ApiException(403, "OverLimit", "Too many messages in the queue (at most " + MAX_MESSAGES
            + " in the emulator).");
      }
      Stored m = new Stored(UUID.randomUUID().toString(), body, md5(body), now, now.plusSeconds(delay));
      q.messages.put(m.id, m);
      sent++;
      ids = new String[] {m.id, m.md5};
      wake = q.serveWaiters(now);
      if (delay > 0) {
        clock.scheduleNonBlockingAt(m.visibleAt, () -> wake(name));
      }
    }
    wake.forEach(Runnable::run);
    return ids;
  }

  /**
   * Receives up to {@code max} visible messages, waiting up to {@code waitSeconds} (simulated) for the first one.
   *
   * @param visibilitySeconds 0..43,200, or null for the queue's VisibilityTimeout
   * @param waitSeconds 0..20, or null for the queue's ReceiveMessageWaitTimeSeconds
   * @return completes with the messages, possibly none when the wait ends
   */
  public CompletableFuture<List<QueueMessage>> receive(String name, Integer max, Integer visibilitySeconds,
      Integer waitSeconds) {
    int n = max == null ? 1 : max;
    if (n < 1 || n > MAX_RECEIVE) {
      throw invalid(String.valueOf(n), "MaxNumberOfMessages", "Must be between 1 and 10, if provided.");
    }
    if (visibilitySeconds != null) {
      range("VisibilityTimeout", visibilitySeconds, 0, MAX_VISIBILITY_SECONDS);
    }
    if (waitSeconds != null && (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS)) {
      throw invalid(String.valueOf(waitSeconds), "WaitTimeSeconds", "Must be >= 0 and <= 20, if provided.");
    }
    CompletableFuture<List<QueueMessage>> result = new CompletableFuture<>();
    synchronized (this) {
      Queue q = queue(name);
      int visibility = visibilitySeconds != null ? visibilitySeconds
          : Integer.parseInt(q.settings.get("VisibilityTimeout"));
      int wait = waitSeconds != null ? waitSeconds : Integer.parseInt(q.settings.get("ReceiveMessageWaitTimeSeconds"));
      Instant now = clock.now();
      List<QueueMessage> got = q.take(now, n, visibility);
      if (!got.isEmpty() || wait == 0) {
        result.complete(got);
        return result;
      }
      Waiter w = new Waiter(n, visibility, result);
      q.waiters.add(w);
      // The wait ends empty, unless a send, a returned message or a delay's end serves it first.
      clock.scheduleNonBlocking(Duration.ofSeconds(wait), () -> expire(name, w));
      q.nextVisible(now).filter(at -> at.isBefore(now.plusSeconds(wait)))
          .ifPresent(at -> clock.scheduleNonBlockingAt(at, () -> wake(name)));
    }
    return result;
  }

  /**
   * Deletes the message of a receipt handle. As in SQS, a handle that is not the message's latest, or whose message
   * is already gone, succeeds without deleting anything.
   *
   * @throws ApiException ReceiptHandleIsInvalid for a handle this queue never gave
   */
  public synchronized void delete(String name, String receiptHandle) {
    Queue q = queue(name);
    Handle h = handle(name, receiptHandle);
    Stored m = q.messages.get(h.messageId);
    if (m != null && m.receipt == h.receipt) {
      q.messages.remove(h.messageId);
      deleted++;
    }
  }

  /**
   * Sets the visibility timeout of a received message, counted from now: 0 returns it to the queue at once.
   *
   * @throws ApiException InvalidParameterValue for a timeout outside 0..43,200 s, beyond 12 hours after the
   *     receive, or a handle no longer the message's latest (expired); MessageNotInflight if the message is
   *     visible again; ReceiptHandleIsInvalid for a handle this queue never gave
   */
  public void changeVisibility(String name, String receiptHandle, int seconds) {
    range("VisibilityTimeout", seconds, 0, MAX_VISIBILITY_SECONDS);
    List<Runnable> wake;
    synchronized (this) {
      Queue q = queue(name);
      Handle h = handle(name, receiptHandle);
      Stored m = q.messages.get(h.messageId);
      if (m == null || m.receipt != h.receipt) {
        throw invalid(receiptHandle, "ReceiptHandle", "The receipt handle has expired.");
      }
      Instant now = clock.now();
      if (!m.visibleAt.isAfter(now)) {
        throw new ApiException(400, "AWS.SimpleQueueService.MessageNotInflight", "The message referred to isn't in"
            + " flight.");
      }
      Instant until = now.plusSeconds(seconds);
      if (until.isAfter(m.receivedAt.plusSeconds(MAX_VISIBILITY_SECONDS))) {
        throw invalid(String.valueOf(seconds), "VisibilityTimeout", "Total VisibilityTimeout for the message is"
            + " beyond the limit [" + MAX_VISIBILITY_SECONDS + " seconds]");
      }
      m.visibleAt = until;
      wake = q.serveWaiters(now);
    }
    wake.forEach(Runnable::run);
  }

  /**
   * Counts over every queue: {@code sent}, {@code received} (each message each time a receive returned it),
   * {@code deleted} (deletes that removed a message) and {@code redelivered} (receives the redelivery fault left
   * visible).
   */
  public synchronized Map<String, Long> stats() {
    return Map.of("sent", sent, "received", received, "deleted", deleted, "redelivered", redelivered);
  }

  private void wake(String name) {
    List<Runnable> wake;
    synchronized (this) {
      Queue q = queues.get(name);
      if (q == null) {
        return;
      }
      wake = q.serveWaiters(clock.now());
    }
    wake.forEach(Runnable::run);
  }

  private void expire(String name, Waiter w) {
    synchronized (this) {
      Queue q = queues.get(name);
      if (q != null) {
        q.waiters.remove(w);
      }
    }
    w.result.complete(List.of());
  }

  private Queue queue(String name) {
    Queue q = queues.get(name);
    if (q == null) {
      throw new ApiException(400, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
    }
    return q;
  }

  private static void requireName(String name) {
    if (name == null) {
      throw new ApiException(400, "MissingParameter", "The request must contain the parameter QueueName.");
    }
    if (name.endsWith(".fifo")) {
      throw new ApiException(400, "AWS.SimpleQueueService.UnsupportedOperation", "FIFO queues are not modelled by"
          + " the emulator.");
    }
    if (!NAME.matcher(name).matches()) {
      throw new ApiException(400, "InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or"
          + " underscores. 1 to 80 in length");
    }
  }

  private static String checkAttribute(String key, String value) {
    if (key.equals("Policy")) {
      return value;
    }
    int[] range = ATTRIBUTE_RANGES.get(key);
    if (range == null) {
      throw new ApiException(400, "InvalidAttributeName", "Unknown Attribute " + Check.echo(key) + ".");
    }
    try {
      int v = Integer.parseInt(value);
      if (v >= range[0] && v <= range[1]) {
        return String.valueOf(v);
      }
    } catch (NumberFormatException e) {
      // Worded below as SQS words it.
    }
    throw new ApiException(400, "InvalidAttributeValue", "Invalid value for the parameter " + key + ".");
  }

  private static int range(String parameter, int value, int min, int max) {
    if (value < min || value > max) {
      throw invalid(String.valueOf(value), parameter, "Must be between " + min + " and " + max + ", if provided.");
    }
    return value;
  }

  private static ApiException invalid(String value, String parameter, String reason) {
    return new ApiException(400, "InvalidParameterValue", "Value " + Check.echo(value) + " for parameter "
        + parameter + " is invalid. Reason: " + reason);
  }

  private Handle handle(String queue, String receiptHandle) {
    if (receiptHandle == null) {
      throw new ApiException(400, "MissingParameter", "The request must contain the parameter ReceiptHandle.");
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(receiptHandle), StandardCharsets.UTF_8).split(" ");
      if (parts.length == 3 && parts[0].equals(queue)) {
        return new Handle(parts[1], Long.parseLong(parts[2]));
      }
    } catch (IllegalArgumentException e) {
      // Not one of ours: answered below.
    }
    throw new ApiException(400, "ReceiptHandleIsInvalid", "The input receipt handle \"" + Check.echo(receiptHandle)
        + "\" is not a valid receipt handle.");
  }

  static String md5(String body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  private record Handle(String messageId, long receipt) {
  }

  private record Waiter(int max, int visibility, CompletableFuture<List<QueueMessage>> result) {
  }

  /** A stored message; {@code receipt} is the serial of its latest receive, 0 before the first. */
  private static final class Stored {
    final String id;
    final String body;
    final String md5;
    final Instant sent;
    Instant visibleAt;
    Instant receivedAt;
    Instant firstReceivedAt;
    int receiveCount;
    long receipt;

    Stored(String id, String body, String md5, Instant sent, Instant visibleAt) {
      this.id = id;
      this.body = body;
      this.md5 = md5;
      this.sent = sent;
      this.visibleAt = visibleAt;
    }
  }

  private final class Queue {
    final String name;
    final Map<String, String> settings;
    final Instant created;
    // Insertion order: best-effort ordering, as a standard queue gives.
    final Map<String, Stored> messages = new LinkedHashMap<>();
    final List<Waiter> waiters = new ArrayList<>();
    long receipts;

    Queue(String name, Map<String, String> settings, Instant created) {
      this.name = name;
      this.settings = settings;
      this.created = created;
    }

    void dropExpired(Instant now) {
      Instant oldest = now.minusSeconds(Long.parseLong(settings.get("MessageRetentionPeriod")));
      messages.values().removeIf(m -> m.sent.isBefore(oldest));
    }

    java.util.Optional<Instant> nextVisible(Instant now) {
      return messages.values().stream().map(m -> m.visibleAt).filter(at -> at.isAfter(now)).min(Instant::compareTo);
    }

    List<QueueMessage> take(Instant now, int max, int visibility) {
      dropExpired(now);
      List<QueueMessage> out = new ArrayList<>();
      for (Iterator<Stored> it = messages.values().iterator(); it.hasNext() && out.size() < max; ) {
        Stored m = it.next();
        if (m.visibleAt.isAfter(now)) {
          continue;
        }
        m.receipt = ++receipts;
        received++;
        m.receiveCount++;
        m.receivedAt = now;
        if (m.firstReceivedAt == null) {
          m.firstReceivedAt = now;
        }
        if (random.nextDouble() < redeliveryRate.getAsDouble()) {
          // Left visible: the next receive gets it again, and this handle's delete will not delete it.
          redelivered++;
        } else {
          m.visibleAt = now.plusSeconds(visibility);
          if (visibility > 0) {
            clock.scheduleNonBlockingAt(m.visibleAt, () -> wake(name));
          }
        }
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(
            (name + " " + m.id + " " + m.receipt).getBytes(StandardCharsets.UTF_8));
        out.add(new QueueMessage(m.id, handle, m.body, m.md5, m.sent, m.receiveCount, m.firstReceivedAt));
      }
      return out;
    }

    /** Serves waiting receives in arrival order; returns their completions, to run outside the lock. */
    List<Runnable> serveWaiters(Instant now) {
      List<Runnable> done = new ArrayList<>();
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        List<QueueMessage> got = take(now, w.max, w.visibility);
        if (got.isEmpty()) {
          break;
        }
        it.remove();
        done.add(() -> w.result.complete(got));
      }
      return done;
    }
  }
}
