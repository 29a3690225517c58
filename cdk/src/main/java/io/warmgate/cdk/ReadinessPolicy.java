package io.warmgate.cdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes when the gate calls an instance ready, and serializes itself into the lifecycle hook's
 * NotificationMetadata so that one gate function can serve several groups with different policies.
 *
 * <p>The metadata shape is the gate's contract:
 * {@code {"warmgate":{"http":{"port":80,"path":"/health","codes":"200-399"},"deadline":"PT25M",
 * "atDeadline":"ABANDON","consecutive":3,"settle":"PT30S","interval":"PT15S"}}}.
 *
 * @param port the instance's health port, 1..65535
 * @param path the HTTP path probed, starting with {@code /}
 * @param codes the HTTP status codes that count as a pass, e.g. {@code 200-399} or {@code 200,204}
 * @param deadline how long after the start of the current boot the gate waits before giving up
 * @param atDeadline what the gate does when the deadline passes
 * @param consecutive how many passing probes in a row make the instance ready
 * @param settle how long the gate waits after the last passing probe before it continues
 * @param interval time between probes
 */
public record ReadinessPolicy(
    int port,
    String path,
    String codes,
    Duration deadline,
    LifecycleResult atDeadline,
    int consecutive,
    Duration settle,
    Duration interval) {

  /** NotificationMetadata is limited to this many printable ASCII characters by Auto Scaling. */
  public static final int MAX_METADATA_LENGTH = 4000;

  private static final Pattern CODES = Pattern.compile("[1-5]\\d\\d(-[1-5]\\d\\d)?(,[1-5]\\d\\d(-[1-5]\\d\\d)?)*");
  private static final Pattern PRINTABLE_PATH = Pattern.compile("/[\\x21-\\x7e]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates every setting; see the record components for the accepted ranges. */
  public ReadinessPolicy {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(atDeadline, "atDeadline");
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(interval, "interval");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    if (!PRINTABLE_PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("path must start with '/' and hold printable ASCII only, got '" + path + "'");
    }
    if (!CODES.matcher(codes).matches()) {
      throw new IllegalArgumentException("codes must look like 200-399 or 200,204, got '" + codes + "'");
    }
    if (deadline.compareTo(Duration.ofMinutes(1)) < 0 || deadline.compareTo(Duration.ofHours(48)) > 0) {
      throw new IllegalArgumentException("deadline must be 1 minute..48 hours, got " + deadline);
    }
    if (consecutive < 1 || consecutive > 100) {
      throw new IllegalArgumentException("consecutive must be 1..100, got " + consecutive);
    }
    if (settle.isNegative() || settle.compareTo(deadline) >= 0) {
      throw new IllegalArgumentException("settle must be >= 0 and shorter than the deadline, got " + settle);
    }
    if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("interval must be 1 second..10 minutes, got " + interval);
    }
  }

  /** Returns a builder holding the defaults: port 80, {@code /health}, {@code 200-399}, 25 min, ABANDON, 3, 30 s, 15 s. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this policy's settings. */
  public Builder toBuilder() {
    return new Builder()
        .port(port).path(path).codes(codes).deadline(deadline).atDeadline(atDeadline)
        .consecutive(consecutive).settle(settle).interval(interval);
  }

  /**
   * Returns the hook's NotificationMetadata: this policy as JSON under the key {@code warmgate}.
   *
   * @throws IllegalStateException if the JSON would exceed {@value #MAX_METADATA_LENGTH} characters
   */
  public String toNotificationMetadata() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode gate = root.putObject("warmgate");
    ObjectNode http = gate.putObject("http");
    http.put("port", port);
    http.put("path", path);
    http.put("codes", codes);
    gate.put("deadline", deadline.toString());
    gate.put("atDeadline", atDeadline.name());
    gate.put("consecutive", consecutive);
    gate.put("settle", settle.toString());
    gate.put("interval", interval.toString());
    String text;
    try {
      text = JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the readiness policy as JSON", e);
    }
    if (text.length() > MAX_METADATA_LENGTH) {
      throw new IllegalStateException("NotificationMetadata is " + text.length() + " characters, over the limit of " + MAX_METADATA_LENGTH);
    }
    return text;
  }

  /** Collects the settings of a {@link ReadinessPolicy}; {@link #build()} validates them. */
  public static final class Builder {
    private int port = 80;
    private String path = "/health";
    private String codes = "200-399";
    private Duration deadline = Duration.ofMinutes(25);
    private LifecycleResult atDeadline = LifecycleResult.ABANDON;
    private int consecutive = 3;
    private Duration settle = Duration.ofSeconds(30);
    private Duration interval = Duration.ofSeconds(15);

    private Builder() {}

    /** Sets the health port (default 80). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Sets the probed HTTP path (default {@code /health}). */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** Sets the passing status codes (default {@code 200-399}). */
    public Builder codes(String codes) {
      this.codes = codes;
      return this;
    }

    /** Sets the readiness deadline, counted from the start of the current boot (default 25 minutes). */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    /** Sets the result when the deadline passes (default ABANDON). */
    public Builder atDeadline(LifecycleResult atDeadline) {
      this.atDeadline = atDeadline;
      return this;
    }

    /** Sets how many passes in a row make the instance ready (default 3). */
    public Builder consecutive(int consecutive) {
      this.consecutive = consecutive;
      return this;
    }

    /** Sets the settle delay after the last pass (default 30 seconds). */
    public Builder settle(Duration settle) {
      this.settle = settle;
      return this;
    }

    /** Sets the time between probes (default 15 seconds). */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Returns the validated policy. */
    public ReadinessPolicy build() {
      return new ReadinessPolicy(port, path, codes, deadline, atDeadline, consecutive, settle, interval);
    }
  }
}
