package io.warmgate.core.probe;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges console output: is there a ready line from the current boot, and nothing after it that says
 * setup started again?
 *
 * <p>EC2Launch (v2, and v1 where it differs) stamps its lines {@code 2025/07/22 21:26:57Z: Message: Windows
 * is Ready to use}; its setup lines read {@code Windows is being configured. 'SysprepState is
 * IMAGE_STATE_...'} (v2), {@code ... SysprepState=IMAGE_STATE_...} (early v2) or {@code Message: Windows is
 * being configured. SysprepState is ...} (v1). See AWS's "Troubleshoot issues with the EC2Launch v2
 * agent", section "EC2Launch v2 console log output". Output is hostile until checked: undecodable base64,
 * empty output, noise, lines stamped in the future and setup lines after the ready line all fail with a
 * reason, and nothing from an earlier boot ever passes. Pure and thread-safe.
 */
public final class ConsoleReadiness {

  /** EC2Launch's ready line. */
  public static final Pattern EC2LAUNCH_READY = Pattern.compile("Windows is Ready to use");
  /** EC2 keeps the last 64 KB of console output; anything far larger did not come from EC2. */
  static final int MAX_DECODED_BYTES = 128 * 1024;
  /** How far ahead of the gate's clock a stamp may be (instance clocks are synchronized, not exact). */
  static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(2);

  private static final int MAX_BASE64_CHARS = 4 * ((MAX_DECODED_BYTES + 2) / 3) + 1024;
  private static final Pattern EC2LAUNCH_STAMP = Pattern.compile("^(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2})Z: ");
  private static final DateTimeFormatter EC2LAUNCH_FORMAT = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");
  private static final Pattern SYSPREP = Pattern.compile("SysprepState(?:\\s*=\\s*|\\s+is\\s+)'?([A-Za-z_]{1,64})");
  private static final Pattern SYSPREP_COMPLETE = Pattern.compile("Windows sysprep configuration complete");
  private static final int MAX_QUOTE = 100;

  private ConsoleReadiness() {}

  /**
   * The verdict on one read.
   *
   * @param ready whether a ready line of the current boot was found, with no setup line after it
   * @param reason a short reason for logs: the ready line's stamp, the sysprep state, or what was wrong
   */
  public record Verdict(boolean ready, String reason) {
    public Verdict {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Judges the {@code Output} field of a {@code GetConsoleOutput} answer.
   *
   * @param base64 the field as EC2 sent it, empty if absent
   * @param bootStart the start of the current boot (the instance's LaunchTime)
   * @param now the gate's clock
   * @param readyPattern the ready line ({@link #EC2LAUNCH_READY} or a configured one; a named group {@code
   *     stamp} gives the line's own time)
   */
  public static Verdict judge(Optional<String> base64, Instant bootStart, Instant now, Pattern readyPattern) {
    Objects.requireNonNull(base64, "base64");
    Objects.requireNonNull(bootStart, "bootStart");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(readyPattern, "readyPattern");
    if (base64.isEmpty() || base64.get().isBlank()) {
      return notReady("no console output yet (EC2 posts it shortly after a state transition)");
    }
    String encoded = base64.get();
    if (encoded.length() > MAX_BASE64_CHARS) {
      return notReady("console output of " + encoded.length() + " base64 characters is larger than EC2's 64 KB: not trusted");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      return notReady("console output is not valid base64: " + e.getMessage());
    }
    if (bytes.length == 0) {
      return notReady("console output is empty");
    }
    return judgeText(decode(bytes), bootStart, now, readyPattern);
  }

  /** Judges decoded text; see {@link #judge}. */
  static Verdict judgeText(String text, Instant bootStart, Instant now, Pattern readyPattern) {
    String[] lines = text.split("\n", -1);
    Instant latestAllowed = now.plus(FUTURE_TOLERANCE);
    int lastReady = -1;
    Instant readyAt = null;
    Instant earlierReadyAt = null;
    int lastSysprep = -1;
    String sysprepState = null;
    Instant sysprepAt = null;
    Instant sysprepCompleteAt = null;
    int lastOfBoot = -1;
    Instant newestStamp = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      Matcher ready = readyPattern.matcher(line);
      boolean isReady = ready.find();
      Optional<Instant> stamp = isReady ? readyStamp(ready, line) : stampOf(line);
      if (stamp.isEmpty()) {
        continue;
      }
      Instant at = stamp.get();
      if (at.isAfter(latestAllowed)) {
        return notReady("line " + (i + 1) + " is stamped " + at + ", after the gate's clock (" + now + "): console stamps not trusted");
      }
      if (newestStamp == null || at.isAfter(newestStamp)) {
        newestStamp = at;
      }
      if (at.isBefore(bootStart)) {
        if (isReady) {
          earlierReadyAt = at;
        }
        continue;
      }
      lastOfBoot = i;
      if (isReady) {
        lastReady = i;
        readyAt = at;
        continue;
      }
      Matcher sysprep = SYSPREP.matcher(line);
      if (sysprep.find()) {
        lastSysprep = i;
        sysprepState = sysprep.group(1);
        sysprepAt = at;
      } else if (SYSPREP_COMPLETE.matcher(line).find()) {
        sysprepCompleteAt = at;
      }
    }
    if (lastReady >= 0 && lastSysprep > lastReady) {
      return notReady("Windows is being configured again after the ready line: SysprepState is " + sysprepState + " at " + sysprepAt);
    }
    if (lastReady >= 0) {
      return new Verdict(true, "ready line stamped " + readyAt + ", this boot started " + bootStart);
    }
    if (lastSysprep >= 0) {
      return notReady("Windows is being configured: SysprepState is " + sysprepState + " at " + sysprepAt);
    }
    if (sysprepCompleteAt != null) {
      return notReady("sysprep configuration complete at " + sysprepCompleteAt + ", no ready line yet");
    }
    if (earlierReadyAt != null) {
      return notReady("the ready line is from an earlier boot (stamped " + earlierReadyAt + ", this boot started " + bootStart + ")");
    }
    if (lastOfBoot >= 0) {
      return notReady("no ready line yet; last line of this boot: '" + quote(lines[lastOfBoot]) + "'");
    }
    if (newestStamp != null) {
      return notReady("no line from this boot yet (newest stamp " + newestStamp + ", this boot started " + bootStart + ")");
    }
    return notReady("no timestamped line in " + lines.length + " lines of console output");
  }

  /** The stamp of a ready line: its {@code stamp} group if the pattern has one, else EC2Launch's prefix. */
  private static Optional<Instant> readyStamp(Matcher ready, String line) {
    String group;
    try {
      group = ready.group("stamp");
    } catch (IllegalArgumentException e) {
      return stampOf(line);
    }
    return group == null ? Optional.empty() : parseStamp(group.trim());
  }

  /** EC2Launch's {@code yyyy/MM/dd HH:mm:ssZ: } prefix, if the line has a valid one. */
  static Optional<Instant> stampOf(String line) {
    Matcher m = EC2LAUNCH_STAMP.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(m.group(1), EC2LAUNCH_FORMAT).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A stamp in EC2Launch's form, RFC 1123 (cloud-init's {@code Mon, 20 May 2024 10:00:00 +0000}) or ISO 8601. */
  static Optional<Instant> parseStamp(String text) {
    Optional<Instant> ec2launch = stampOf(text + ": ");
    if (ec2launch.isPresent()) {
      return ec2launch;
    }
    for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME}) {
      try {
        return Optional.of(OffsetDateTime.parse(text, f).toInstant());
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      // Windows consoles are not always UTF-8; the lines that matter are ASCII either way.
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** A line cut short and stripped of control characters, safe to put in a log line. */
  private static String quote(String line) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < line.length() && sb.length() < MAX_QUOTE; i++) {
      char c = line.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return line.length() > MAX_QUOTE ? sb + "..." : sb.toString();
  }

  private static Verdict notReady(String reason) {
    return new Verdict(false, reason);
  }
}
