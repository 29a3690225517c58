package io.warmgate.emulator.internal.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.UUID;

/**
 * Makes the emulator's ids (instances, templates, tokens, event ids) from one seeded source, so a
 * run with the same seed names everything the same. Guarded by the engine lock.
 */
public final class Ids {
  private static final DateTimeFormatter AWS_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Random random;

  Ids(long seed) {
    this.random = new Random(seed);
  }

  /** Formats an instant as AWS does in events and XML: UTC with milliseconds, {@code 2021-01-13T00:12:37.214Z}. */
  public static String awsTime(Instant at) {
    return AWS_TIME.format(at);
  }

  /** Returns n random lowercase hex digits. */
  String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  /** Returns a random (version 4) UUID. */
  String uuid() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  String instanceId() {
    return "i-0" + hex(16);
  }

  String reservationId() {
    return "r-0" + hex(16);
  }

  String launchTemplateId() {
    return "lt-0" + hex(16);
  }
}
