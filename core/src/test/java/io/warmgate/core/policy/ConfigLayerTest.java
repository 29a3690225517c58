package io.warmgate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLayerTest {

  @Test
  void readsEveryKnownSettingFromItsEnvironmentVariable() {
    Map<String, String> env = new HashMap<>();
    for (String key : ConfigKeys.allKeys()) {
      env.put(ConfigKeys.envName(key), "v-" + key);
    }

    ConfigLayer layer = ConfigLayer.fromEnvironment(env);

    assertThat(layer.settings()).hasSize(ConfigKeys.allKeys().size());
    assertThat(layer.settings()).containsEntry("http.bodyContains", "v-http.bodyContains")
        .containsEntry("phases.leavingWarmPool.heartbeatMargin", "v-phases.leavingWarmPool.heartbeatMargin");
    assertThat(layer.source()).isEqualTo("environment");
  }

  @Test
  void emptyEnvironmentValuesCountAsUnset() {
    assertThat(ConfigLayer.fromEnvironment(Map.of("WARMGATE_HTTP_PORT", "")).isEmpty()).isTrue();
  }

  @Test
  void labelsFieldsTheWayEachSourceSpellsThem() {
    assertThat(ConfigLayer.fromEnvironment(Map.of()).label("http.port")).isEqualTo("WARMGATE_HTTP_PORT");
    assertThat(ConfigLayer.fromMetadata("md", Map.of()).label("http.port")).isEqualTo("warmgate.http.port");
    assertThat(new ConfigLayer("flags", Map.of()).label("http.port")).isEqualTo("http.port");
  }

  @Test
  void copiesItsSettingsAndRejectsNulls() {
    Map<String, String> m = new HashMap<>(Map.of("interval", "15s"));
    ConfigLayer layer = new ConfigLayer("t", m);
    m.put("consecutive", "1");

    assertThat(layer.settings()).containsOnlyKeys("interval");
    assertThatThrownBy(() -> layer.settings().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new ConfigLayer(null, Map.of())).isInstanceOf(NullPointerException.class).hasMessage("source");
    Map<String, String> withNull = new HashMap<>();
    withNull.put("interval", null);
    assertThatThrownBy(() -> new ConfigLayer("t", withNull)).isInstanceOf(NullPointerException.class);
  }
}
