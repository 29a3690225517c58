package io.warmgate.emulator;

import static io.warmgate.emulator.RawApi.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the emulator defects the attack run of issue 9 found: each is named after
 * the defect and failed on the code before the fix.
 */
class HostileInputTest {
  private static final String ASG = "Version=2011-01-01&Action=";
  private static final String EC2 = "Version=2016-11-15&Action=";
  private WarmPoolEmulator emulator;
  private RawApi api;

  @BeforeEach
  void start() {
    // Virtual time: launched instances never boot, so no health endpoint opens.
    emulator = WarmPoolEmulator.builder().virtualTime().apiIdleTimeout(Duration.ofSeconds(2)).start();
    api = new RawApi(emulator.endpoint());
    assertThat(api.post(EC2 + "CreateLaunchTemplate&LaunchTemplateName=lt1&LaunchTemplateData.ImageId=ami-1")
        .status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private RawApi.Answer createGroup(String name, String maxSize) {
    return api.post(ASG + "CreateAutoScalingGroup&AutoScalingGroupName=" + enc(name) + "&MinSize=0&MaxSize=" + maxSize
        + "&LaunchTemplate.LaunchTemplateName=lt1");
  }

  @Test
  void maxSize2147483647ThenPutWarmPoolNoLongerFreezesTheEngineUntilOutOfMemory() {
    assertThat(createGroup("huge", "2147483647").errorCode()).isEqualTo("ValidationError");
    assertThat(createGroup("big", "10000").status()).isEqualTo(200);
    assertThat(api.post(ASG + "PutWarmPool&AutoScalingGroupName=big&MaxGroupPreparedCapacity=2147483647")
        .errorCode()).isEqualTo("ValidationError");
    assertThat(api.post(ASG + "UpdateAutoScalingGroup&AutoScalingGroupName=big&MaxSize=2147483647")
        .errorCode()).isEqualTo("ValidationError");
    assertThat(api.post(ASG + "DescribeAutoScalingGroups").status()).isEqualTo(200);
  }

  @Test
  void warmPoolsPastTheEmulatorsInstanceLimitFailTheirLaunchesInsteadOfGrowingWithoutBound() {
    assertThat(createGroup("a", "10000").status()).isEqualTo(200);
    assertThat(createGroup("b", "10000").status()).isEqualTo(200);
    assertThat(api.post(ASG + "PutWarmPool&AutoScalingGroupName=a").status()).isEqualTo(200);
    assertThat(api.post(ASG + "PutWarmPool&AutoScalingGroupName=b").status()).isEqualTo(200);
    assertThat(emulator.instances()).hasSize(10_000);
    RawApi.Answer activities = api.post(ASG + "DescribeScalingActivities&AutoScalingGroupName=b&MaxRecords=1");
    assertThat(activities.body()).contains("<StatusCode>Failed</StatusCode>", "instance");
  }

  @Test
  void namesWithControlCharactersAreRefusedSoLaterAnswersStayWellFormed() {
    assertThat(createGroup("bad\u0001name", "1").errorCode()).isEqualTo("ValidationError");
    assertThat(createGroup("ok", "1").status()).isEqualTo(200);
    assertThat(api.post(ASG + "PutLifecycleHook&AutoScalingGroupName=ok&LifecycleHookName=" + enc("h\u0002")
        + "&LifecycleTransition=autoscaling:EC2_INSTANCE_LAUNCHING").errorCode()).isEqualTo("ValidationError");
    assertThat(api.post(ASG + "CreateOrUpdateTags&Tags.member.1.ResourceId=ok&Tags.member.1.Key=k&Tags.member.1.Value="
        + enc("v\u0000")).errorCode()).isEqualTo("ValidationError");
    assertThat(api.post(EC2 + "CreateTags&ResourceId.1=lt-0" + "0".repeat(16) + "&Tag.1.Key=" + enc("k\u001b"))
        .status()).isBetween(400, 499);
    RawApi.Answer groups = api.post(ASG + "DescribeAutoScalingGroups");
    assertThat(groups.status()).isEqualTo(200);
    assertThat(groups.xml().getElementsByTagName("AutoScalingGroupName").getLength()).isEqualTo(1);
    assertThat(api.post(ASG + "DescribeTags").xml()).isNotNull();
  }

  @Test
  void errorMessagesNoLongerEchoRawInput() {
    String hostile = "<x>\u0007" + "A".repeat(10_000);
    RawApi.Answer answer = api.post(ASG + "DeleteAutoScalingGroup&AutoScalingGroupName=" + enc(hostile));
    assertThat(answer.errorCode()).isEqualTo("ValidationError");
    // At most 64 characters of the 10,004 are quoted; the rest is the constraint sentence.
    assertThat(answer.message()).hasSizeLessThan(250).contains("<x>\\u0007AAA").doesNotContain("\u0007");
    RawApi.Answer ec2 = api.post(EC2 + "DescribeInstances&InstanceId.1=" + enc(hostile));
    assertThat(ec2.errorCode()).isEqualTo("InvalidInstanceID.Malformed");
    assertThat(ec2.message()).hasSizeLessThan(200);
  }

  @Test
  void listIndexesPast2147483647AreA400NotA500WithAStackTrace() {
    for (String index : new String[] {"2147483648", "99999999999999999999", "0", "1001"}) {
      RawApi.Answer answer = api.post(ASG + "DescribeAutoScalingGroups&AutoScalingGroupNames.member." + index + "=x");
      assertThat(answer.errorCode()).as("index %s", index).isEqualTo("ValidationError");
      RawApi.Answer ec2 = api.post(EC2 + "DescribeInstances&Filter." + index + ".Name=instance-id");
      assertThat(ec2.errorCode()).as("index %s", index).isEqualTo("InvalidParameterValue");
    }
  }

  @Test
  void anOversizedBodyGetsAWellFormed413AwsErrorNotAnEmptyOne() throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", emulator.port()), 5_000);
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: " + (5 * 1024 * 1024) + "\r\n\r\nAction=DescribeTags&").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      String text = answer.toString(StandardCharsets.UTF_8);
      assertThat(text).startsWith("HTTP/1.1 413");
      RawApi.Answer body = new RawApi.Answer(413, text.substring(text.indexOf("\r\n\r\n") + 4));
      assertThat(body.errorCode()).isEqualTo("RequestEntityTooLarge");
    }
  }

  @Test
  void madeUpActionNamesNoLongerGrowTheCallCountTable() {
    for (int k = 0; k < 100; k++) {
      assertThat(api.post(ASG + "Made" + k).errorCode()).isEqualTo("InvalidAction");
    }
    assertThat(emulator.apiCallCounts()).containsEntry("(unknown)", 100L).doesNotContainKey("Made1");
  }
}
