package io.warmgate.aws.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.policy.InvalidConfigurationException;
import io.warmgate.core.policy.PolicyResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JacksonMetadataParserTest {

  private final JacksonMetadataParser parser = new JacksonMetadataParser();

  @Test
  void flattensTheWarmgateObjectIntoDottedKeys() {
    ConfigLayer layer = parser.parse("NotificationMetadata of hook ready",
        "{\"team\":\"web\",\"warmgate\":{\"http\":{\"port\":80,\"path\":\"/health\",\"codes\":[200,204],"
            + "\"trustSelfSigned\":true,\"bodyContains\":null},\"consecutive\":3,"
            + "\"phases\":{\"enteringWarmPool\":{\"settle\":\"45s\"}}}}");

    assertThat(layer.source()).isEqualTo("NotificationMetadata of hook ready");
    assertThat(layer.settings()).isEqualTo(Map.of(
        "http.port", "80",
        "http.path", "/health",
        "http.codes", "200,204",
        "http.trustSelfSigned", "true",
        "consecutive", "3",
        "phases.enteringWarmPool.settle", "45s"));
    assertThat(layer.label("http.port")).isEqualTo("warmgate.http.port");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "additional-info", "{\"port\":80}", "[1,2]", "{", "42", "{\"Warmgate\":{}}"})
  void metadataMeantForSomeoneElseGivesAnEmptyLayer(String metadata) {
    assertThat(parser.parse("src", metadata).isEmpty()).isTrue();
  }

  @Test
  void metadataThatIsNotJsonOrHasNoWarmgateKeyGivesTheBasePolicies() {
    PolicyResolver resolver = new PolicyResolver(parser, List.of());

    assertThat(resolver.resolve("h", Optional.of("additional-info"))).isEqualTo(resolver.base());
    assertThat(resolver.resolve("h", Optional.of("{\"team\":\"web\"}"))).isEqualTo(resolver.base());
    assertThat(resolver.resolve("h", Optional.empty())).isEqualTo(resolver.base());
  }

  @Test
  void aNullMetadataGivesAnEmptyLayer() {
    assertThat(parser.parse("src", null).isEmpty()).isTrue();
  }

  @Test
  void aWarmgateValueThatIsNotAnObjectIsAnErrorNamingIt() {
    assertThatThrownBy(() -> parser.parse("src", "{\"warmgate\":\"on\"}"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("warmgate");
  }

  @Test
  void anArrayOfObjectsIsAnErrorNamingTheField() {
    assertThatThrownBy(() -> parser.parse("src", "{\"warmgate\":{\"http\":{\"codes\":[{\"a\":1}]}}}"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("warmgate.http.codes");
  }
}
