package io.warmgate.core.probe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one HTTP/1.x response from bytes fed as they arrive, with hard caps: the probe's own parser, so
 * that every protocol error is an answer it can act on (and close its connection), not an exception
 * deep inside a client.
 *
 * <p>Skips interim (1xx) answers, at most {@value #MAX_INTERIM}; refuses a status line that is not
 * {@code HTTP/1.x DDD}, a response head over {@value #MAX_HEAD} bytes and a chunk-size line over
 * {@value #MAX_LINE} bytes; reads the body (identity with Content-Length, chunked, or until the server
 * closes) only when asked to, and then at most {@code bodyCap} bytes. Not thread-safe: one per exchange.
 */
final class HttpResponseParser {

  /** The largest response head (status line and headers) accepted. */
  static final int MAX_HEAD = 16 * 1024;
  /** The most interim (1xx) answers skipped before the final one. */
  static final int MAX_INTERIM = 16;
  /** The longest chunk-size or trailer line accepted. */
  static final int MAX_LINE = 1024;

  /** What the parser knows so far. */
  sealed interface State permits NeedMore, Done, Failed {}

  /** More bytes are needed. */
  record NeedMore() implements State {}

  /**
   * The final response, read as far as needed.
   *
   * @param status the status code
   * @param location the Location header, if any
   * @param body the body read (empty unless asked for)
   * @param truncated whether the body went on past the cap
   */
  record Done(int status, Optional<String> location, String body, boolean truncated) implements State {}

  /** The response broke the protocol or a cap. */
  record Failed(String reason) implements State {}

  private enum Phase { HEAD, BODY_LENGTH, BODY_UNTIL_CLOSE, CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF, TRAILERS, DONE }

  private final boolean readBody;
  private final int bodyCap;
  private final ByteArrayOutputStream head = new ByteArrayOutputStream();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final StringBuilder line = new StringBuilder();
  private Phase phase = Phase.HEAD;
  private int interim;
  private int status;
  private Optional<String> location = Optional.empty();
  private long remaining;
  private boolean truncated;
  private State state = new NeedMore();

  /**
   * @param readBody whether the body matters (a bodyContains check); if not, the head is enough
   * @param bodyCap the most body bytes kept
   */
  HttpResponseParser(boolean readBody, int bodyCap) {
    this.readBody = readBody;
    this.bodyCap = bodyCap;
  }

  /** Feeds the bytes remaining in {@code in} (consumes them all unless done first). */
  State feed(ByteBuffer in) {
    while (in.hasRemaining() && state instanceof NeedMore) {
      byte b = in.get();
      switch (phase) {
        case HEAD -> head(b);
        case BODY_LENGTH -> {
          keep(b);
          if (--remaining == 0) {
            done();
          }
        }
        case BODY_UNTIL_CLOSE -> keep(b);
        case CHUNK_SIZE -> chunkSize(b);
        case CHUNK_DATA -> {
          keep(b);
          if (--remaining == 0) {
            phase = Phase.CHUNK_CRLF;
            line.setLength(0);
          }
        }
        case CHUNK_CRLF -> chunkCrlf(b);
        case TRAILERS -> trailer(b);
        case DONE -> { }
      }
    }
    return state;
  }

  /** The server closed the connection: what the bytes so far amount to. */
  State endOfStream() {
    if (state instanceof NeedMore) {
      if (phase == Phase.BODY_UNTIL_CLOSE) {
        done();
      } else if (phase == Phase.HEAD && head.size() == 0 && interim == 0) {
        state = new Failed("connection closed without a response");
      } else {
        state = new Failed("connection closed in the middle of the response");
      }
    }
    return state;
  }

  /** Whether a status line has been read (a final or interim one). */
  boolean sawStatus() {
    return status != 0 || interim > 0;
  }

  private void head(byte b) {
    if (head.size() >= MAX_HEAD) {
      state = new Failed("response head larger than " + MAX_HEAD / 1024 + " KiB");
      return;
    }
    head.write(b);
    int n = head.size();
    if (n == 8 && !head.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.")) {
      state = new Failed("not an HTTP/1.x response");
      return;
    }
    if (n >= 4 && b == '\n') {
      byte[] h = head.toByteArray();
      if (h[n - 2] == '\r' && h[n - 3] == '\n' && h[n - 4] == '\r') {
        endOfHead(new String(h, 0, n - 4, StandardCharsets.ISO_8859_1));
      }
    }
  }

  private void endOfHead(String text) {
    String[] lines = text.split("\r\n", -1);
    String statusLine = lines[0];
    // "HTTP/1.1 200 OK": exactly three digits after the version and one space, then a space or the end.
    if (statusLine.length() < 12
        || !statusLine.startsWith("HTTP/1.")
        || statusLine.charAt(8) != ' '
        || !isDigits(statusLine, 9, 12)
        || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
      state = new Failed("garbage status line '" + clip(statusLine) + "'");
      return;
    }
    int code = Integer.parseInt(statusLine.substring(9, 12));
    head.reset();
    if (code < 200) {
      if (code == 101 || ++interim > MAX_INTERIM) {
        state = new Failed(code == 101 ? "unexpected 101 Switching Protocols" : "more than " + MAX_INTERIM + " interim (1xx) answers");
      }
      return; // an interim answer: the final one follows
    }
    status = code;
    long length = -1;
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      String header = lines[i];
      int colon = header.indexOf(':');
      if (colon <= 0) {
        state = new Failed("malformed header line '" + clip(header) + "'");
        return;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "location" -> location = Optional.of(value);
        case "content-length" -> {
          try {
            length = Long.parseLong(value);
          } catch (NumberFormatException e) {
            length = -2;
          }
          if (length < 0) {
            state = new Failed("bad Content-Length '" + clip(value) + "'");
            return;
          }
        }
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
        default -> { }
      }
    }
    if (!readBody || code == 204 || code == 304) {
      done();
    } else if (chunked) {
      phase = Phase.CHUNK_SIZE;
    } else if (length == 0) {
      done();
    } else if (length > 0) {
      phase = Phase.BODY_LENGTH;
      remaining = length;
    } else {
      phase = Phase.BODY_UNTIL_CLOSE;
    }
  }

  /**
   * Adds a byte to the current chunk-size or trailer line, within {@link #MAX_LINE}.
   *
   * @return whether the byte ended the line
   */
  private boolean lineEnds(byte b, String what) {
    if (b == '\n') {
      return true;
    }
    if (line.length() >= MAX_LINE) {
      state = new Failed(what + " line longer than " + MAX_LINE + " bytes");
    } else if (b != '\r') {
      line.append((char) (b & 0xff));
    }
    return false;
  }

  private void chunkSize(byte b) {
    if (!lineEnds(b, "chunk-size")) {
      return;
    }
    String size = line.toString();
    int ext = size.indexOf(';');
    size = (ext >= 0 ? size.substring(0, ext) : size).trim();
    line.setLength(0);
    try {
      remaining = size.isEmpty() || size.length() > 15 ? -1 : Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      remaining = -1;
    }
    if (remaining < 0) {
      state = new Failed("bad chunk size '" + clip(size) + "'");
    } else if (remaining == 0) {
      phase = Phase.TRAILERS;
    } else {
      phase = Phase.CHUNK_DATA;
    }
  }

  private void chunkCrlf(byte b) {
    if (b == '\n') {
      phase = Phase.CHUNK_SIZE;
    } else if (b != '\r') {
      state = new Failed("chunk not followed by CRLF");
    }
  }

  private void trailer(byte b) {
    if (!lineEnds(b, "trailer")) {
      return;
    }
    if (line.length() == 0) {
      done();
    }
    line.setLength(0);
  }

  private void keep(byte b) {
    if (body.size() < bodyCap) {
      body.write(b);
    } else {
      truncated = true;
      done(); // the cap is all that is ever read; the rest is not waited for
    }
  }

  private void done() {
    phase = Phase.DONE;
    state = new Done(status, location, body.toString(StandardCharsets.UTF_8), truncated);
  }

  private static boolean isDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String clip(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && out.length() < 60; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > 60 ? out + "..." : out.toString();
  }
}
