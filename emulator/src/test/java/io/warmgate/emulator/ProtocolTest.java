package io.warmgate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire shapes themselves: dispatch, element order, error documents, unknown actions. */
class ProtocolTest {
  private static WarmPoolEmulator emulator;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    emulator = WarmPoolEmulator.builder().start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static HttpResponse<String> post(String body, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(emulator.endpoint())
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void autoScalingResponsesPutTheResultBeforeResponseMetadata() throws Exception {
    HttpResponse<String> r = post("Action=DescribeAutoScalingGroups&Version=2011-01-01", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<DescribeAutoScalingGroupsResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
        + "<DescribeAutoScalingGroupsResult><AutoScalingGroups></AutoScalingGroups></DescribeAutoScalingGroupsResult>"
        + "<ResponseMetadata><RequestId>");
  }

  @Test
  void ec2ResponsesStartWithTheRequestId() throws Exception {
    HttpResponse<String> r = post("Action=DescribeInstances&Version=2016-11-15", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).containsPattern("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
        + "<requestId>[0-9a-f-]{36}</requestId><reservationSet></reservationSet></DescribeInstancesResponse>");
  }

  @Test
  void unknownActionsGetInvalidActionInEachServiceShape() throws Exception {
    HttpResponse<String> asg = post("Action=LaunchRockets&Version=2011-01-01", null);
    assertThat(asg.statusCode()).isEqualTo(400);
    assertThat(asg.body()).contains("<ErrorResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\"><Error>"
        + "<Type>Sender</Type><Code>InvalidAction</Code>").contains("<RequestId>");
    HttpResponse<String> ec2 = post("Action=LaunchRockets&Version=2016-11-15", null);
    assertThat(ec2.statusCode()).isEqualTo(400);
    assertThat(ec2.body()).contains("<Response><Errors><Error><Code>InvalidAction</Code>").contains("<RequestID>");
  }

  @Test
  void withoutAVersionTheCredentialScopePicksTheService() throws Exception {
    String auth = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00";
    HttpResponse<String> r = post("Action=DescribeTags", auth);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<DescribeTagsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">");
  }

  @Test
  void missingParametersAreValidationErrorsNotServerErrors() throws Exception {
    HttpResponse<String> r = post("Action=CompleteLifecycleAction&Version=2011-01-01", null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>ValidationError</Code>");
    HttpResponse<String> noAction = post("Version=2011-01-01", null);
    assertThat(noAction.statusCode()).isEqualTo(400);
    HttpResponse<String> garbage = post("Action=DescribeWarmPool&Version=2011-01-01&AutoScalingGroupName=%%%", null);
    assertThat(garbage.statusCode()).isBetween(400, 499);
  }

  @Test
  void apiCallsAreCounted() throws Exception {
    post("Action=DescribeLifecycleHookTypes&Version=2011-01-01", null);
    assertThat(emulator.apiCallCounts()).containsKey("DescribeLifecycleHookTypes");
  }
}
