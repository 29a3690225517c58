package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The harness may only ever reach an endpoint on this machine. */
class InitTimeHarnessTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1:4566", "http://127.1.2.3:80/", "https://localhost:4566", "http://[::1]:4566", "http://LOCALHOST:1"})
  void acceptsLoopbackEndpoints(String endpoint) {
    assertThat(InitTimeHarness.isLoopback(endpoint)).isTrue();
  }

  @org.junit.jupiter.api.Test
  void isLoopbackNoLongerAccepts127AttackerExample() {
    // The reported bug: a DNS name that merely starts with "127." passed as loopback.
    assertThat(InitTimeHarness.isLoopback("http://127.attacker.example:4566")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1.nip.io:4566",
      "http://localhost.attacker.example",
      "http://127.0.0.256:4566",
      "http://127.0.0:4566",
      "http://0127.0.0.1:4566",
      "http://10.0.0.1:4566",
      "http://[::2]:4566",
      "http://user@attacker.example",
      "file:///etc/passwd",
      "127.0.0.1:4566",
      "not a url"})
  void refusesAnyOtherEndpoint(String endpoint) {
    assertThat(InitTimeHarness.isLoopback(endpoint)).isFalse();
  }
}
