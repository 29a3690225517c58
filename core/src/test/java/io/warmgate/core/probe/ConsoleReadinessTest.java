package io.warmgate.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConsoleReadinessTest {

  private static final Instant BOOT = Instant.parse("2025-07-22T21:20:00Z");
  private static final Instant NOW = Instant.parse("2025-07-22T21:40:00Z");

  /** EC2Launch v2's console lines, as AWS's "Troubleshoot issues with the EC2Launch v2 agent" shows them. */
  private static final String V2_FIRST_BOOT = String.join("\n",
      "2025/07/22 21:25:12Z: Windows is being configured. 'SysprepState is IMAGE_STATE_UNDEPLOYABLE'",
      "2025/07/22 21:26:53Z: Windows sysprep configuration complete.",
      "2025/07/22 21:26:53Z: Message: Waiting for access to metadata...",
      "2025/07/22 21:26:53Z: Message: Meta-data is now available.",
      "2025/07/22 21:26:53Z: Launch: EC2 Launch v2.2.63",
      "2025/07/22 21:26:57Z: EC2LaunchTelemetry: IsAgentScheduledPerBoot=true",
      "2025/07/22 21:26:57Z: Message: Windows is Ready to use",
      "{\"type\":\"EC2AgentTelemetry\",\"agentId\":\"WindowsLaunchAgentV2\"}",
      "");

  private static ConsoleReadiness.Verdict judge(String text) {
    return judge(text, BOOT);
  }

  private static ConsoleReadiness.Verdict judge(String text, Instant bootStart) {
    return ConsoleReadiness.judge(Optional.of(b64(text)), bootStart, NOW, ConsoleReadiness.EC2LAUNCH_READY);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void passesOnTheReadyLineOfTheCurrentBoot() {
    ConsoleReadiness.Verdict v = judge(V2_FIRST_BOOT);
    assertThat(v.ready()).isTrue();
    assertThat(v.reason()).contains("2025-07-22T21:26:57Z");
  }

  @Test
  void passesOnEc2LaunchV1LinesToo() {
    String v1 = "2025/07/22 21:25:12Z: Message: Windows is being configured. SysprepState is IMAGE_STATE_UNDEPLOYABLE\r\n"
        + "2025/07/22 21:27:00Z: Message: Windows is Ready to use\r\n";
    assertThat(judge(v1).ready()).isTrue();
  }

  @Test
  void failsWithTheSysprepStateWhileWindowsIsBeingConfigured() {
    String early = "2025/07/22 21:25:12Z: Windows is being configured. SysprepState=IMAGE_STATE_UNDEPLOYABLE\n"
        + "2025/07/22 21:27:44Z: Windows is still being configured. 'SysprepState is IMAGE_STATE_SPECIALIZE_RESEAL_TO_OOBE'\n";
    ConsoleReadiness.Verdict v = judge(early);
    assertThat(v.ready()).isFalse();
    assertThat(v.reason()).contains("SysprepState is IMAGE_STATE_SPECIALIZE_RESEAL_TO_OOBE");
  }

  @Test
  void failsBetweenSysprepCompleteAndTheReadyLine() {
    ConsoleReadiness.Verdict v = judge("2025/07/22 21:26:53Z: Windows sysprep configuration complete.\n");
    assertThat(v.ready()).isFalse();
    assertThat(v.reason()).contains("sysprep configuration complete");
  }

  @Test
  void neverPassesOnTheReadyLineOfAnEarlierBoot() {
    Instant warmStart = Instant.parse("2025-07-22T21:35:00Z");
    ConsoleReadiness.Verdict v = judge(V2_FIRST_BOOT, warmStart);
    assertThat(v.ready()).isFalse();
    assertThat(v.reason()).contains("earlier boot");
  }

  @Test
  void passesOnTheSecondBootsOwnReadyLineAfterTheFirstBootsOutput() {
    Instant warmStart = Instant.parse("2025-07-22T21:35:00Z");
    ConsoleReadiness.Verdict v = judge(V2_FIRST_BOOT + "2025/07/22 21:36:10Z: Message: Windows is Ready to use\n", warmStart);
    assertThat(v.ready()).isTrue();
    assertThat(v.reason()).contains("21:36:10");
  }

  @Test
  void failsWhenSetupStartsAgainAfterTheReadyLine() {
    ConsoleReadiness.Verdict v = judge(V2_FIRST_BOOT + "2025/07/22 21:30:00Z: Windows is being configured. 'SysprepState is IMAGE_STATE_UNDEPLOYABLE'\n");
    assertThat(v.ready()).isFalse();
    assertThat(v.reason()).contains("again after the ready line");
  }

  @Test
  void failsOnUndecodableBase64() {
    ConsoleReadiness.Verdict v = ConsoleReadiness.judge(Optional.of("not*base64!"), BOOT, NOW, ConsoleReadiness.EC2LAUNCH_READY);
    assertThat(v.ready()).isFalse();
    assertThat(v.reason()).contains("not valid base64");
  }

  @Test
  void failsOnEmptyOrAbsentOutput() {
    assertThat(ConsoleReadiness.judge(Optional.empty(), BOOT, NOW, ConsoleReadiness.EC2LAUNCH_READY).reason()).contains("no console output");
    assertThat(ConsoleReadiness.judge(Optional.of(""), BOOT, NOW, ConsoleReadiness.EC2LAUNCH_READY).ready()).isFalse();
    assertThat(ConsoleReadiness.judge(Optional.of("===="), BOOT, NOW, ConsoleReadiness.EC2LAUNCH_READY).ready()).isFalse();
  }

  @Test
  void failsOn64KilobytesOfNoise() {
    StringBuilder noise = new StringBuilder();
    java.util.Random random = new java.util.Random(18);
    while (noise.length() < 64 * 1024) {
      noise.append((char) (0x20 + random.nextInt(0x5f)));
      if (random.nextInt(80) == 0) {
        noise.append('\n');
      }
    }
    ConsoleReadiness.Verdict v = judge(noise.toString());
    assertThat(v.ready()).isFalse();
    assertThat(v.reason()).contains("no timestamped line");
  }

  @Test
  void refusesOutputFarLargerThanEc2Keeps() {
    ConsoleReadiness.Verdict v = judge("x".repeat(200 * 1024) + "\n2025/07/22 21:26:57Z: Message: Windows is Ready to use\n");
    assertThat(v.ready()).isFalse();
    assertThat(v.reason()).contains("larger than EC2's 64 KB");
  }

  @Test
  void failsOnLinesStampedInTheFuture() {
    ConsoleReadiness.Verdict v = judge("2025/07/22 23:59:00Z: Message: Windows is Ready to use\n");
    assertThat(v.ready()).isFalse();
    assertThat(v.reason()).contains("after the gate's clock");
  }

  @Test
  void ignoresAReadyLineWithoutAStampOrWithAnImpossibleOne() {
    assertThat(judge("Message: Windows is Ready to use\n").ready()).isFalse();
    assertThat(judge("2025/13/45 21:26:57Z: Message: Windows is Ready to use\n").ready()).isFalse();
  }

  @Test
  void aLinuxReadyPatternUsesItsOwnStampAndTheSameBootCheck() {
    Pattern cloudInit = Pattern.compile("Cloud-init v\\. \\S+ finished at (?<stamp>[^.]+)\\.");
    String line = "[   31.200000] cloud-init[1201]: Cloud-init v. 23.4.4 finished at Tue, 22 Jul 2025 21:27:30 +0000. Datasource DataSourceEc2Local.  Up 31.20 seconds\n";
    assertThat(ConsoleReadiness.judge(Optional.of(b64(line)), BOOT, NOW, cloudInit).ready()).isTrue();
    assertThat(ConsoleReadiness.judge(Optional.of(b64(line)), Instant.parse("2025-07-22T21:30:00Z"), NOW, cloudInit).ready()).isFalse();
  }

  @Test
  void quotesTheLastLineWithoutControlCharacters() {
    ConsoleReadiness.Verdict v = judge("2025/07/22 21:26:53Z: Driver: \u001b[31mAWS\u0000 NVMe\n");
    assertThat(v.reason()).contains("last line of this boot").doesNotContain("\u001b").doesNotContain("\u0000");
  }
}
