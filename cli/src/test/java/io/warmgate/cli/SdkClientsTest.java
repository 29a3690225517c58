package io.warmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SdkClientsTest {

  @Test
  void aLocalEndpointNeverUsesTheDefaultChain() {
    SdkClients clients = SdkClients.local(URI.create("http://127.0.0.1:4580"), "us-east-1");

    assertThat(clients.usesDefaultChain()).isFalse();
    assertThat(clients.toString()).contains("127.0.0.1:4580").doesNotContain("warmgate,");
  }

  @Test
  void onlyNoEndpointAndNoCredentialsMeansTheDefaultChain() {
    assertThat(new SdkClients(Optional.empty(), "eu-west-1", Optional.empty(), Optional.empty()).usesDefaultChain())
        .isTrue();
  }

  @Test
  void neverPrintsTheSecret() {
    SdkClients clients = new SdkClients(Optional.empty(), "eu-west-1", Optional.of("AKIDEXAMPLE"), Optional.of("s3cr3t"));

    assertThat(clients.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void rejectsHalfTheCredentialsAndNonHttpEndpoints() {
    assertThatThrownBy(() -> new SdkClients(Optional.empty(), "eu-west-1", Optional.of("AKID"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
    assertThatThrownBy(() -> new SdkClients(Optional.of(URI.create("ftp://x")), "eu-west-1", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
  }
}
