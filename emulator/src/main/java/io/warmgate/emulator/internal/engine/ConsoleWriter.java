package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.EmulatorClock;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes what a simulated instance's boot prints on its console, at the simulated times of its boot:
 * a Windows profile writes EC2Launch v2's lines (stamped {@code yyyy/MM/dd HH:mm:ssZ: }, texts from AWS's
 * "Troubleshoot issues with the EC2Launch v2 agent": SysprepState lines during the first-boot setup,
 * then sysprep complete and {@code Message: Windows is Ready to use}, and the ready line again at every
 * later boot, as EC2Launch v2 runs at every start); a corrupted Windows instance stays in its SysprepState;
 * a Linux profile writes cloud-init's {@code finished at} line when the instance is ready. Each written
 * ready line is recorded on the timeline as {@link TimelineEntry.Milestone#CONSOLE_READY}. Called with the engine lock held.
 */
final class ConsoleWriter {

  /** Default delay before a written line reaches the buffered (non-Latest) view. */
  static final Duration DEFAULT_POST_DELAY = Duration.ofSeconds(30);
  /** From the end of sysprep (or the OS coming up, on a later boot) to EC2Launch's ready line. */
  static final Duration PRE_READY = Duration.ofSeconds(4);

  private static final DateTimeFormatter EC2LAUNCH = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss'Z: '").withZone(ZoneOffset.UTC);
  private static final String SYSPREP = "Windows is being configured. 'SysprepState is IMAGE_STATE_UNDEPLOYABLE'";
  private static final String STILL_SYSPREP = "Windows is still being configured. 'SysprepState is IMAGE_STATE_UNDEPLOYABLE'";

  private final Engine engine;
  private final EmulatorClock clock;
  private volatile Duration postDelay = DEFAULT_POST_DELAY;

  ConsoleWriter(Engine engine, EmulatorClock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  void postDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("console post delay must not be negative, got " + delay);
    }
    this.postDelay = delay;
  }

  /** A state transition (start, stop, terminate): EC2 posts the buffered output. */
  void transition(SimInstance i) {
    i.console.transition(clock.now());
  }

  /** The OS is up: a kernel line on Linux; on Windows, the setup's first SysprepState line, or a corrupted instance's. */
  void osUp(SimInstance i, boolean setupRuns) {
    if (i.profile.windowsPlatform()) {
      if (i.corrupted) {
        ec2launch(i, STILL_SYSPREP);
      } else if (setupRuns) {
        ec2launch(i, SYSPREP);
      }
    } else {
      i.console.write(clock.now(), postDelay, "[    0.000000] Linux version 6.1.0 (warmgate emulator) " + i.id);
    }
  }

  /** Halfway through the first-boot setup. */
  void setupProgress(SimInstance i) {
    ec2launch(i, STILL_SYSPREP);
  }

  /** The first-boot setup ended: sysprep complete and the agent's information block. */
  void setupEnd(SimInstance i) {
    ec2launch(i, "Windows sysprep configuration complete.");
    ec2launch(i, "Message: Waiting for access to metadata...");
    ec2launch(i, "Message: Meta-data is now available.");
    ec2launch(i, "AMI Origin Name: Windows_Server-2022-English-Full-Base");
    ec2launch(i, "Launch: EC2 Launch v2.2.63");
    ec2launch(i, "Instance-ID: " + i.id);
    ec2launch(i, "Instance Type: " + i.instanceType);
  }

  /** EC2Launch's PreReady stage is over (Windows), or cloud-init finished (Linux). */
  void ready(SimInstance i, Duration uptime) {
    Instant now = clock.now();
    if (i.profile.windowsPlatform()) {
      ec2launch(i, "Message: Windows is Ready to use");
    } else {
      String rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(now);
      String up = String.format(Locale.ROOT, "%.2f", uptime.toMillis() / 1000.0);
      i.console.write(now, postDelay, "[" + String.format(Locale.ROOT, "%12s", up) + "] cloud-init[1201]: Cloud-init v. 23.4.4 finished at "
          + rfc1123 + ". Datasource DataSourceEc2Local.  Up " + up + " seconds");
    }
    engine.record(i, TimelineEntry.Milestone.CONSOLE_READY, now);
  }

  private void ec2launch(SimInstance i, String text) {
    Instant now = clock.now();
    i.console.write(now, postDelay, EC2LAUNCH.format(now) + text);
  }
}
