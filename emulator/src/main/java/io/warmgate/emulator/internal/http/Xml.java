package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.Ids;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes the small XML documents the AWS protocols answer with; escapes text, tracks nesting.
 * Text is always well-formed: a character XML 1.0 cannot carry (a control character, an unpaired
 * surrogate) is written as U+FFFD.
 */
final class Xml {
  private final StringBuilder sb = new StringBuilder(512);
  private final Deque<String> open = new ArrayDeque<>();

  Xml() {
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  }

  Xml start(String name) {
    sb.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  Xml start(String name, String xmlns) {
    sb.append('<').append(name).append(" xmlns=\"").append(xmlns).append("\">");
    open.push(name);
    return this;
  }

  Xml end() {
    sb.append("</").append(open.pop()).append('>');
    return this;
  }

  /** Writes an element with text content; skips it when the value is null. */
  Xml leaf(String name, Object value) {
    if (value == null) {
      return this;
    }
    String text = value instanceof Instant at ? time(at) : value.toString();
    sb.append('<').append(name).append('>');
    escape(text);
    sb.append("</").append(name).append('>');
    return this;
  }

  Xml empty(String name) {
    sb.append('<').append(name).append("/>");
    return this;
  }

  static String time(Instant at) {
    return Ids.awsTime(at);
  }

  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        case '\t', '\n' -> sb.append(c);
        // A bare CR would be read back as LF.
        case '\r' -> sb.append("&#13;");
        default -> {
          if (c < 0x20 || c >= 0xfffe) {
            sb.append('\ufffd');
          } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            sb.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append('\ufffd');
          } else {
            sb.append(c);
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed elements: " + open);
    }
    return sb.toString();
  }
}
