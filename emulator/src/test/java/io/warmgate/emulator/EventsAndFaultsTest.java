package io.warmgate.emulator;

import static io.warmgate.testing.EmulatedAws.awsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.warmgate.testing.EmulatedAws;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.LifecycleHookSpecification;

/** Events to listeners and HTTP targets, and every injected fault. */
class EventsAndFaultsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private EmulatedAws s;
  private HttpServer target;

  @AfterEach
  void close() {
    if (s != null) {
      s.close();
    }
    if (target != null) {
      target.stop(0);
    }
  }

  private void groupWithHook(int desired) {
    String lt = s.launchTemplate("events", "instant", 18120);
    s.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName("g").minSize(0).maxSize(5).desiredCapacity(desired)
        .launchTemplate(t -> t.launchTemplateId(lt))
        .lifecycleHookSpecificationList(LifecycleHookSpecification.builder().lifecycleHookName("h")
            .lifecycleTransition("autoscaling:EC2_INSTANCE_LAUNCHING").heartbeatTimeout(7200).build()));
  }

  /** Starts a loopback receiver that fails the first {@code failures} POSTs with HTTP 500. */
  private URI receiver(List<String> bodies, int failures) throws Exception {
    AtomicInteger seen = new AtomicInteger();
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/events", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = seen.incrementAndGet() <= failures ? 500 : 200;
      if (status == 200) {
        bodies.add(body);
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    target.start();
    return URI.create("http://127.0.0.1:" + target.getAddress().getPort() + "/events");
  }

  @Test
  void eventsArePostedToHttpTargetsWithRetries() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    URI uri = receiver(bodies, 2);
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).eventTarget(uri));
    groupWithHook(1);
    await().atMost(WAIT).until(() -> bodies.size() == 1);
    assertThat(bodies.get(0)).contains("\"detail-type\":\"EC2 Instance-launch Lifecycle Action\"",
        "\"source\":\"aws.autoscaling\"", "\"Origin\":\"EC2\"", "\"Destination\":\"AutoScalingGroup\"");
    assertThat(s.events.all()).hasSize(1);
    assertThat(s.emulator.eventStats()).containsEntry("postFailures", 0L);
  }

  @Test
  void droppedEventsReachNoListenerButAreRecorded() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).faults(EmulatorFaults.NONE.withEventDropRate(1.0)));
    groupWithHook(2);
    await().atMost(WAIT).until(() -> s.emulator.emittedEvents().size() == 2);
    assertThat(s.events.all()).isEmpty();
    assertThat(s.emulator.eventStats()).containsEntry("dropped", 2L);
  }

  @Test
  void duplicatedEventsArriveTwice() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().speed(600).faults(EmulatorFaults.NONE.withEventDuplicateRate(1.0)));
    groupWithHook(1);
    await().atMost(WAIT).until(() -> s.events.size() == 2);
    assertThat(s.events.all().get(0)).isEqualTo(s.events.all().get(1));
  }

  @Test
  void throttlingAndServerErrorsUseEachServicesCodes() {
    s = EmulatedAws.start(WarmPoolEmulator.builder());
    s.emulator.faults(EmulatorFaults.NONE.withThrottleRate(1.0));
    AwsServiceException asgThrottled = awsError(() -> s.autoScaling().describeAutoScalingGroups());
    assertThat(asgThrottled.statusCode()).isEqualTo(400);
    assertThat(asgThrottled.awsErrorDetails().errorCode()).isEqualTo("Throttling");
    assertThat(asgThrottled.isThrottlingException()).isTrue();
    AwsServiceException ec2Throttled = awsError(() -> s.ec2().describeInstances());
    assertThat(ec2Throttled.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");

    s.emulator.faults(EmulatorFaults.NONE.withServerErrorRate(1.0));
    AwsServiceException failed = awsError(() -> s.autoScaling().describeAutoScalingGroups());
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");

    s.emulator.faults(EmulatorFaults.NONE);
    assertThat(s.autoScaling().describeAutoScalingGroups().autoScalingGroups()).isEmpty();
    assertThat(s.emulator.apiCallCounts()).containsEntry("DescribeAutoScalingGroups", 3L);
  }

  @Test
  void latencyDelaysEveryResponse() {
    s = EmulatedAws.start(WarmPoolEmulator.builder().faults(EmulatorFaults.NONE.withLatency(Duration.ofMillis(300))));
    long start = System.nanoTime();
    s.autoScaling().describeAutoScalingGroups();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void faultRatesAreValidated() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmulatorFaults.NONE.withEventDropRate(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventDropRate");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmulatorFaults.NONE.withLatency(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
