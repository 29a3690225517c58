package io.warmgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.core.policy.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class JsonMetadataParserTest {

  private final JsonMetadataParser parser = new JsonMetadataParser();

  @Test
  void flattensTheWarmgateObjectToDottedKeys() {
    var layer = parser.parse("hook h",
        "{\"warmgate\":{\"preset\":\"usual-fix\",\"http\":{\"port\":8080,\"path\":\"/health\"},\"probes\":[\"http\",\"tcp\"],\"shadow\":null}}");

    assertThat(layer.settings()).containsEntry("preset", "usual-fix").containsEntry("http.port", "8080")
        .containsEntry("http.path", "/health").containsEntry("probes", "http,tcp").doesNotContainKey("shadow");
  }

  @Test
  void metadataForSomeoneElseGivesAnEmptyLayer() {
    assertThat(parser.parse("hook h", "additional-info").isEmpty()).isTrue();
    assertThat(parser.parse("hook h", "{\"team\":\"web\"}").isEmpty()).isTrue();
  }

  @Test
  void aWarmgateValueThatIsNotAnObjectIsAnErrorNamingIt() {
    assertThatThrownBy(() -> parser.parse("hook h", "{\"warmgate\":3}"))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("hook h").hasMessageContaining("warmgate");
    assertThatThrownBy(() -> parser.parse("hook h", "{\"warmgate\":{\"probes\":[{\"x\":1}]}}"))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("warmgate.probes");
  }
}
