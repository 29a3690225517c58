package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priming before a SnapStart snapshot runs the first event's parsing and policy paths and sends nothing. */
class SnapStartPrimingTest {

  @Test
  void primingParsesTheSampleEventsAndMakesNoNetworkCall() throws Exception {
    try (ServerSocket endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      endpoint.setSoTimeout(500);
      Map<String, String> env = Map.of(
          "AWS_REGION", "us-east-1",
          "AWS_ENDPOINT_URL", "http://127.0.0.1:" + endpoint.getLocalPort(),
          "WARMGATE_GROUPS", "web");

      try (GateRuntime runtime = GateRuntime.fromEnvironment(env)) {
        SnapStartPriming priming = new SnapStartPriming(runtime);

        // the EventBridge event and the SQS body are actions; the test notification is not
        assertThat(priming.prime()).isEqualTo(2);
        priming.beforeCheckpoint(null);

        assertThatThrownBy(endpoint::accept).isInstanceOf(SocketTimeoutException.class);
        assertThat(runtime.gate.inFlight()).isZero();
      }
    }
  }
}
