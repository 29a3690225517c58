package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.port.GateListener.Outcome;
import io.warmgate.emulator.EmulatorFaults;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Issue 17 §4, failures are loud: the shipped jar lacked a class that {@code DescribeInstances} needs, every
 * run ended FAILED, and the handler still answered success, so Lambda neither retried nor sent anything to
 * the dead-letter queue. A run that fails on the gate's own fault now fails the invocation, after the other
 * messages were handled; AWS answers and throttling still do not.
 */
class GateHandlerFaultTest {

  /** Breaks EC2's DescribeInstances the way the jar without the EC2 paginators did. */
  private static final class MissingPaginatorClass implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if ("DescribeInstances".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
        throw new NoClassDefFoundError("software/amazon/awssdk/services/ec2/paginators/DescribeInstancesIterable");
      }
    }
  }

  @Test
  void aRunThatFailsOnAMissingClassFailsTheInvocationAfterTheOtherMessages() {
    RecordingGateMetrics metrics = new RecordingGateMetrics();
    try (HandlerFixture f = new HandlerFixture(b -> b, Map.of(), metrics, c -> c.interceptor(new MissingPaginatorClass()))) {

      // One lifecycle action and one test notification in the same batch.
      HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("sqs-batch-event.json"), Duration.ofSeconds(30));

      assertThat(inv.thrown()).get().isInstanceOf(GateFaultException.class)
          .satisfies(t -> assertThat(t.getCause()).isInstanceOf(NoClassDefFoundError.class));
      assertThat(inv.lines("test-notification")).as("the other message was handled first").hasSize(1);
      assertThat(inv.lines("finished")).singleElement().satisfies(l -> {
        assertThat(l.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(l.path("level").asText()).isEqualTo("ERROR");
        assertThat(l.path("fault").asText()).contains("NoClassDefFoundError");
      });
      assertThat(inv.lines("gateFault")).singleElement()
          .satisfies(l -> assertThat(l.path("reason").asText()).contains("DescribeInstancesIterable"));
      assertThat(metrics.finished).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED));
    }
  }

  @Test
  void aSweepWhoseRunsFailOnAMissingClassFailsTheInvocation() {
    try (HandlerFixture f = new HandlerFixture(b -> b, Map.of("WARMGATE_GROUPS", "web"), GateMetrics.NONE,
        c -> c.interceptor(new MissingPaginatorClass()))) {
      f.groupWithWarmPool("web", "ready", 1);
      f.awaitEvents(1);

      HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("scheduled-event.json"), Duration.ofSeconds(30));

      assertThat(inv.thrown()).get().isInstanceOf(GateFaultException.class);
      assertThat(inv.lines("sweepFinished")).as("the sweep's own line is still written").hasSize(1);
    }
  }

  @Test
  void throttlingIsRetriedLoggedAndCountedButDoesNotFailTheInvocation() {
    RecordingGateMetrics metrics = new RecordingGateMetrics();
    try (HandlerFixture f = new HandlerFixture(b -> b.faults(EmulatorFaults.NONE.withThrottleRate(1.0)), Map.of(), metrics)) {

      HandlerFixture.Invocation inv = f.invoke(HandlerFixture.resource("eventbridge-launch.json"), Duration.ofSeconds(8));

      assertThat(inv.thrown()).isEmpty();
      assertThat(inv.response().path("kind").asText()).isEqualTo("lifecycle");
      assertThat(inv.lines("port-failed")).isNotEmpty()
          .allSatisfy(l -> assertThat(l.path("retryable").asBoolean()).isTrue());
      assertThat(inv.lines("finished")).singleElement()
          .satisfies(l -> assertThat(l.path("fault").isMissingNode()).isTrue());
      assertThat(metrics.finished).singleElement()
          .satisfies(e -> assertThat(e.outcome()).isIn(Outcome.FAILED, Outcome.HANDED_OVER));
    }
  }
}
