package io.warmgate.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of accepted HTTP status codes, written as ranges and single codes: {@code 200-299}, {@code
 * 200,204}, {@code 200-299,304}.
 *
 * @param ranges the inclusive ranges, each within 100..599, in the order written
 */
public record StatusCodes(List<Range> ranges) {

  /** The 2xx codes: what warmgate accepts unless configured otherwise. Redirects are not success. */
  public static final StatusCodes SUCCESS = new StatusCodes(List.of(new Range(200, 299)));

  /** One inclusive range of status codes. */
  public record Range(int from, int to) {
    public Range {
      if (from < 100 || to > 599 || from > to) {
        throw new IllegalArgumentException("status code range must lie within 100..599: " + from + "-" + to);
      }
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }

  public StatusCodes {
    Objects.requireNonNull(ranges, "ranges");
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("ranges must not be empty");
    }
  }

  /**
   * Parses {@code 200-399}, {@code 200,204} or a mix of both.
   *
   * @throws IllegalArgumentException if the text is not such a list of codes within 100..599
   */
  public static StatusCodes parse(String text) {
    Objects.requireNonNull(text, "text");
    List<Range> ranges = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      int dash = p.indexOf('-');
      try {
        if (dash < 0) {
          int code = Integer.parseInt(p);
          ranges.add(new Range(code, code));
        } else {
          ranges.add(new Range(Integer.parseInt(p.substring(0, dash).trim()), Integer.parseInt(p.substring(dash + 1).trim())));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected status codes like 200-299 or 200,204, got '" + text + "'", e);
      }
    }
    return new StatusCodes(ranges);
  }

  /** True if {@code status} is accepted. */
  public boolean contains(int status) {
    for (Range r : ranges) {
      if (status >= r.from() && status <= r.to()) {
        return true;
      }
    }
    return false;
  }

  /** The codes in the form {@link #parse} reads. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Range r : ranges) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(r);
    }
    return sb.toString();
  }
}
