package io.warmgate.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.emulator.internal.engine.ApiException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceRegistryTest {
  private final Named autoScaling = new Named("autoscaling", new EmulatedService.Protocol.Query("2011-01-01", "AutoScaling"),
      Set.of("PutWarmPool", "DeleteTags"));
  private final Named ec2 = new Named("ec2", new EmulatedService.Protocol.Query("2016-11-15", "AmazonEC2"),
      Set.of("DescribeInstances", "DeleteTags"));
  private final Named events = new Named("events",
      new EmulatedService.Protocol.Json("AWSEvents.", "application/x-amz-json-1.1"), Set.of("PutRule"));
  private final Named queue = new Named("sqs",
      new EmulatedService.Protocol.Json("AmazonSQS.", "application/x-amz-json-1.0"), Set.of("SendMessage"));
  private final ServiceRegistry registry = new ServiceRegistry(List.of(autoScaling, ec2, events, queue));

  @Test
  void aJsonRequestIsTheServiceItsTargetPrefixNames() {
    assertThat(registry.byTarget("AWSEvents.PutRule")).containsSame(events);
    assertThat(registry.byTarget("AmazonSQS.SendMessage")).containsSame(queue);
    assertThat(registry.byTarget("AWSEvents.")).isEmpty();
    assertThat(registry.byTarget("DynamoDB_20120810.GetItem")).isEmpty();
    assertThat(registry.byTarget(null)).isEmpty();
  }

  @Test
  void aQueryRequestIsItsVersionsServiceThenItsScopesThenTheFirstThatKnowsTheAction() {
    assertThat(registry.forQuery("2016-11-15", "autoscaling", "PutWarmPool")).isSameAs(ec2);
    assertThat(registry.forQuery(null, "ec2", "PutWarmPool")).isSameAs(ec2);
    assertThat(registry.forQuery(null, null, "DescribeInstances")).isSameAs(ec2);
    assertThat(registry.forQuery(null, null, "DeleteTags")).isSameAs(autoScaling);
    assertThat(registry.forQuery(null, "events", "Nonsense")).isSameAs(autoScaling);
  }

  @Test
  void aRequestRefusedBeforeItsBodyIsReadIsAnsweredByItsTargetsOrScopesService() {
    assertThat(registry.forHeaders("AmazonSQS.SendMessage", "ec2")).isSameAs(queue);
    assertThat(registry.forHeaders(null, "ec2")).isSameAs(ec2);
    assertThat(registry.forHeaders(null, null)).isSameAs(autoScaling);
  }

  @Test
  void twoServicesCannotShareAMarkerOrASigningName() {
    Named otherEvents = new Named("events2", events.protocol(), Set.of());
    assertThatThrownBy(() -> new ServiceRegistry(List.of(autoScaling, events, otherEvents)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWSEvents.");
    Named otherEc2 = new Named("ec2", new EmulatedService.Protocol.Query("2099-01-01", "Other"), Set.of());
    assertThatThrownBy(() -> new ServiceRegistry(List.of(ec2, otherEc2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ServiceRegistry(List.of(events)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Query service");
  }

  /** A service that only has a name, a protocol and operations: recognition needs no more. */
  private record Named(String signingName, Protocol protocol, Set<String> actions) implements EmulatedService {
    @Override
    public String handle(ApiCall call) {
      throw new ApiException(400, "NotHere", "not answered in this test");
    }

    @Override
    public List<String> resources(ApiCall call) {
      return List.of("*");
    }

    @Override
    public String error(ApiException e, String requestId) {
      return e.code();
    }

    @Override
    public Failures failures() {
      return new Failures(400, "Throttling", "Rate exceeded", "InternalFailure", 403, null);
    }
  }
}
