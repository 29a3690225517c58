package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Building the Lambda's object graph and priming it for a SnapStart snapshot (what init and the
 * snapshot run) must not touch the network.
 */
class GateRuntimeInitTest {

  /** Builds the runtime against a loopback endpoint nobody answers, runs {@code step}, and checks nothing connected. */
  private static void withSilentEndpoint(Consumer<GateRuntime> step) throws Exception {
    try (ServerSocket endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      endpoint.setSoTimeout(500);
      Map<String, String> env = Map.of(
          "AWS_REGION", "us-east-1",
          "AWS_ENDPOINT_URL", "http://127.0.0.1:" + endpoint.getLocalPort(),
          "WARMGATE_GROUPS", "web",
          "WARMGATE_MANAGED_TAG", "warmgate:managed");

      try (GateRuntime runtime = GateRuntime.fromEnvironment(env)) {
        step.accept(runtime);

        // Nothing connected to the only endpoint the clients know.
        assertThatThrownBy(endpoint::accept).isInstanceOf(SocketTimeoutException.class);
      }
    }
  }

  @Test
  void buildingTheRuntimeFromTheEnvironmentMakesNoNetworkCall() throws Exception {
    withSilentEndpoint(runtime -> assertThat(runtime.describe()).containsKeys("lambda", "aws", "policies"));
  }

  @Test
  void primingForASnapshotParsesTheSampleEventsAndMakesNoNetworkCall() throws Exception {
    withSilentEndpoint(runtime -> {
      SnapStartPriming priming = new SnapStartPriming(runtime);

      // the EventBridge event and the SQS body are actions; the test notification is not
      assertThat(priming.prime()).isEqualTo(2);
      priming.beforeCheckpoint(null);

      assertThat(runtime.gate.inFlight()).isZero();
    });
  }
}
