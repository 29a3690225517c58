package io.warmgate.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.warmgate.aws.config.AwsClients;
import io.warmgate.core.port.GatePortException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Warm-pool paging against a loopback endpoint that answers with the real XML shapes but misbehaves. */
class WarmPoolPagingTest {

  private static final String NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
  private HttpServer server;
  private AwsClients clients;
  private final AtomicInteger warmPoolCalls = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String xml;
      if (body.contains("Action=DescribeAutoScalingGroups")) {
        xml = "<DescribeAutoScalingGroupsResponse xmlns=\"" + NS + "\"><DescribeAutoScalingGroupsResult><AutoScalingGroups>"
            + "<member><AutoScalingGroupName>web</AutoScalingGroupName><MinSize>0</MinSize><MaxSize>2</MaxSize>"
            + "<DesiredCapacity>0</DesiredCapacity><Instances/></member></AutoScalingGroups></DescribeAutoScalingGroupsResult>"
            + "<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>";
      } else {
        warmPoolCalls.incrementAndGet();
        // Always the same page and the same token: a broken endpoint.
        xml = "<DescribeWarmPoolResponse xmlns=\"" + NS + "\"><DescribeWarmPoolResult><Instances><member>"
            + "<InstanceId>i-0123456789abcdef0</InstanceId><LifecycleState>Warmed:Pending:Wait</LifecycleState>"
            + "</member></Instances><NextToken>same-token</NextToken></DescribeWarmPoolResult>"
            + "<ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></DescribeWarmPoolResponse>";
      }
      byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    clients = AwsClients.builder()
        .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @AfterEach
  void stop() {
    clients.close();
    server.stop(0);
  }

  @Test
  void aWarmPoolThatRepeatsItsNextTokenStopsPagingAtOnceWithAPortFailure() {
    // Regression: a repeated NextToken was followed 200 times per sweep and then ended in an
    // IllegalStateException rather than the port's GatePortException.
    assertThatThrownBy(() -> new AutoScalingWaitingInstances(clients.autoScaling()).list("web"))
        .isInstanceOf(GatePortException.class)
        .hasMessageContaining("same NextToken");
    assertThat(warmPoolCalls).hasValue(2);
  }
}
