package io.warmgate.emulator.internal.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;

/**
 * One instance's console output as EC2 keeps it ("GetConsoleOutput", EC2 API Reference; "Instance
 * console output", EC2 User Guide): lines the instance wrote, each posted to the buffered view a delay
 * after it was written or at the next state transition (start, stop, terminate), whichever comes first;
 * the newest view ({@code Latest=true}) shows every line at once. Output survives stops and starts, so an
 * earlier boot's lines are still there; only the most recent 64 KB is kept. Guarded by the engine lock.
 */
public final class ConsoleLog {

  /** EC2 keeps the most recent 64 KB of console output. */
  public static final int MAX_BYTES = 64 * 1024;

  private final ArrayDeque<Line> lines = new ArrayDeque<>();
  private int bytes;

  /** One written line and when it reaches the buffered view. */
  private static final class Line {
    final Instant written;
    Instant posted;
    final byte[] text;

    Line(Instant written, Instant posted, byte[] text) {
      this.written = written;
      this.posted = posted;
      this.text = text;
    }
  }

  /** What a read sees: the text and when it was last updated. */
  public record View(byte[] text, Instant timestamp) {}

  /** Appends a line written at {@code at}, posted {@code postDelay} later unless a transition comes first. */
  void write(Instant at, Duration postDelay, String line) {
    byte[] text = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
    lines.addLast(new Line(at, at.plus(postDelay), text));
    bytes += text.length;
    while (bytes > MAX_BYTES && lines.size() > 1) {
      bytes -= lines.removeFirst().text.length;
    }
  }

  /** A state transition at {@code at}: EC2 posts what was written before it. */
  void transition(Instant at) {
    for (Line l : lines) {
      if (l.posted.isAfter(at)) {
        l.posted = at;
      }
    }
  }

  /** The output a read sees at {@code now}: the newest ({@code latest}) or the posted lines, last 64 KB; empty if none. */
  public Optional<View> view(Instant now, boolean latest) {
    byte[] out = new byte[Math.min(bytes, MAX_BYTES)];
    int n = 0;
    Instant stamp = null;
    for (Line l : lines) {
      Instant visible = latest ? l.written : l.posted;
      if (visible.isAfter(now)) {
        continue;
      }
      if (n + l.text.length > out.length) {
        out = Arrays.copyOf(out, n + l.text.length);
      }
      System.arraycopy(l.text, 0, out, n, l.text.length);
      n += l.text.length;
      stamp = stamp == null || visible.isAfter(stamp) ? visible : stamp;
    }
    if (n == 0) {
      return Optional.empty();
    }
    int from = Math.max(0, n - MAX_BYTES);
    return Optional.of(new View(Arrays.copyOfRange(out, from, n), stamp));
  }
}
