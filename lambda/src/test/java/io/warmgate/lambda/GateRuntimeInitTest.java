package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building the Lambda's object graph (what init and SnapStart run) must not touch the network. */
class GateRuntimeInitTest {

  @Test
  void buildingTheRuntimeFromTheEnvironmentMakesNoNetworkCall() throws Exception {
    try (ServerSocket endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      endpoint.setSoTimeout(500);
      Map<String, String> env = Map.of(
          "AWS_REGION", "us-east-1",
          "AWS_ENDPOINT_URL", "http://127.0.0.1:" + endpoint.getLocalPort(),
          "WARMGATE_GROUPS", "web",
          "WARMGATE_MANAGED_TAG", "warmgate:managed");

      try (GateRuntime runtime = GateRuntime.fromEnvironment(env)) {
        assertThat(runtime.describe()).containsKeys("lambda", "aws", "policies");

        // Nothing connected to the only endpoint the clients know.
        assertThatThrownBy(endpoint::accept).isInstanceOf(SocketTimeoutException.class);
      }
    }
  }
}
