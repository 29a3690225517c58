package io.warmgate.lambda;

import io.warmgate.aws.event.LifecycleMessage;
import java.util.Objects;
import java.util.Optional;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.services.autoscaling.model.CompleteLifecycleActionRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLifecycleHooksRequest;
import software.amazon.awssdk.services.autoscaling.model.RecordLifecycleActionHeartbeatRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;

/**
 * Warms the paths the first event takes before SnapStart takes its snapshot: event parsing (an
 * EventBridge event, an SQS body and a test notification), policy resolution from hook metadata, and the
 * SDK's request model and client configuration classes. It sends nothing: no network call, no log line,
 * no metric, so priming is safe during init and in a local run.
 *
 * <p>Registered with the CRaC global context by {@link GateHandler}; on a JVM without CRaC (a local run)
 * the hook never fires, and {@link #prime()} can be called directly. Thread-safe.
 */
final class SnapStartPriming implements Resource {

  static final String EVENT =
      "{\"version\":\"0\",\"id\":\"12345678-1234-1234-1234-123456789012\",\"detail-type\":\"EC2 Instance-launch Lifecycle Action\","
          + "\"source\":\"aws.autoscaling\",\"account\":\"123456789012\",\"time\":\"2021-01-13T00:12:37.214Z\",\"region\":\"us-east-1\","
          + "\"resources\":[\"arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:042cba90-ad2f-431c-9b4d-6d9055bcc9fb:autoScalingGroupName/prime\"],"
          + "\"detail\":{\"LifecycleActionToken\":\"71514b9d-6a40-4b26-8523-05e7eEXAMPLE\",\"AutoScalingGroupName\":\"prime\","
          + "\"LifecycleHookName\":\"prime\",\"EC2InstanceId\":\"i-1234567890abcdef0\",\"LifecycleTransition\":\"autoscaling:EC2_INSTANCE_LAUNCHING\","
          + "\"NotificationMetadata\":\"{\\\"warmgate\\\":{\\\"http\\\":{\\\"port\\\":8080,\\\"path\\\":\\\"/health\\\"}}}\","
          + "\"Origin\":\"WarmPool\",\"Destination\":\"AutoScalingGroup\"}}";
  static final String SQS_BODY =
      "{\"Service\":\"AWS Auto Scaling\",\"Time\":\"2021-01-13T00:12:37.214Z\",\"RequestId\":\"r\",\"AccountId\":\"123456789012\","
          + "\"AutoScalingGroupName\":\"prime\",\"LifecycleHookName\":\"prime\",\"EC2InstanceId\":\"i-1234567890abcdef0\","
          + "\"LifecycleActionToken\":\"71514b9d-6a40-4b26-8523-05e7eEXAMPLE\",\"LifecycleTransition\":\"autoscaling:EC2_INSTANCE_LAUNCHING\","
          + "\"Origin\":\"EC2\",\"Destination\":\"WarmPool\"}";
  static final String TEST_NOTIFICATION =
      "{\"AccountId\":\"123456789012\",\"AutoScalingGroupName\":\"prime\",\"Service\":\"AWS Auto Scaling\","
          + "\"Event\":\"autoscaling:TEST_NOTIFICATION\",\"Time\":\"2021-01-13T00:10:00.123Z\"}";

  /** Hook metadata as a hook carries it (the gate reads it from the hook, never from the event). */
  static final String METADATA = "{\"warmgate\":{\"consecutive\":3,\"http\":{\"port\":8080,\"path\":\"/health\"}}}";

  private final GateRuntime runtime;

  SnapStartPriming(GateRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to renew: clients resolve credentials on first use, and no thread or connection was kept.
  }

  /**
   * Runs the first event's code paths once, sending nothing.
   *
   * @return how many of the sample messages parsed as lifecycle actions (2 when all is well)
   */
  int prime() {
    int actions = 0;
    for (String message : new String[] {EVENT, SQS_BODY, TEST_NOTIFICATION}) {
      if (runtime.parser.parse(message) instanceof LifecycleMessage.Action a) {
        actions++;
        runtime.gate.policies().resolve(a.action().hookName(), Optional.of(METADATA)).forPhase(a.action().phase());
      }
    }
    // The request model classes and the clients' configuration, without sending a request.
    DescribeInstancesRequest.builder().instanceIds("i-1234567890abcdef0").build();
    DescribeAutoScalingInstancesRequest.builder().instanceIds("i-1234567890abcdef0").build();
    DescribeLifecycleHooksRequest.builder().autoScalingGroupName("prime").build();
    RecordLifecycleActionHeartbeatRequest.builder().autoScalingGroupName("prime").lifecycleHookName("prime").instanceId("i-1").build();
    CompleteLifecycleActionRequest.builder().autoScalingGroupName("prime").lifecycleHookName("prime").instanceId("i-1")
        .lifecycleActionResult("CONTINUE").build();
    runtime.clients.autoScaling().serviceClientConfiguration();
    runtime.clients.ec2().serviceClientConfiguration();
    return actions;
  }
}
