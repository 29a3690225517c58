package io.warmgate.core.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The instance's console output through the EC2 API ({@code GetConsoleOutput}); passes on a ready line
 * stamped after the start of the current boot. Needs no network path to the instance.
 *
 * <p>The default ready line is EC2Launch's {@code Windows is Ready to use}; for Linux a {@code
 * readyPattern} names another line (for example cloud-init's {@code finished at} line), with a named
 * group {@code stamp} when the line carries its own time instead of EC2Launch's prefix.
 *
 * @param readyPattern a regular expression for the ready line; empty for EC2Launch's
 * @param latest whether to ask EC2 for the newest output ({@code Latest=true}, Nitro only)
 * @param timeout how long the probe waits for the API call (the round's probeTimeout caps it too)
 */
public record Ec2ConsoleProbeSpec(Optional<String> readyPattern, Latest latest, Duration timeout) implements ProbeSpec {

  /** Default timeout of the API call: 5 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** The longest ready pattern accepted. */
  public static final int MAX_PATTERN_LENGTH = 512;

  /** When to ask EC2 for the newest output rather than the buffered one. */
  public enum Latest {
    /** Ask for it, and read the buffered output of an instance that turns out not to support it. */
    AUTO,
    /** Always ask for it (every instance is Nitro). */
    ALWAYS,
    /** Never ask for it. */
    NEVER;

    /** The setting's spelling: {@code auto}, {@code always}, {@code never}. */
    public String setting() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the setting's spelling.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static Latest parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      for (Latest l : values()) {
        if (l.setting().equals(t)) {
          return l;
        }
      }
      throw new IllegalArgumentException("expected auto, always or never, got '" + text + "'");
    }
  }

  public Ec2ConsoleProbeSpec {
    Objects.requireNonNull(readyPattern, "readyPattern");
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(timeout, "timeout");
    ReadinessPolicy.requirePositive(timeout, "timeout");
    readyPattern.ifPresent(Ec2ConsoleProbeSpec::checkPattern);
  }

  /** EC2Launch's ready line, {@code Latest} where supported, the default timeout. */
  public Ec2ConsoleProbeSpec() {
    this(Optional.empty(), Latest.AUTO, DEFAULT_TIMEOUT);
  }

  private static void checkPattern(String pattern) {
    if (pattern.isEmpty() || pattern.length() > MAX_PATTERN_LENGTH) {
      throw new IllegalArgumentException("readyPattern must hold 1.." + MAX_PATTERN_LENGTH + " characters, got " + pattern.length());
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("readyPattern is not a regular expression: " + e.getDescription());
    }
    // A pattern that matches an empty line would call any boot ready.
    if (compiled.matcher("").find()) {
      throw new IllegalArgumentException("readyPattern must not match an empty line, got '" + pattern + "'");
    }
  }

  @Override
  public String name() {
    return "ec2console";
  }
}
