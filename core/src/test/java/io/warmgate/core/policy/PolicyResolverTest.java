package io.warmgate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.Phase;
import io.warmgate.core.testing.FlatMetadataParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PolicyResolverTest {

  private final MetadataParser metadata = new FlatMetadataParser();

  @Test
  void withoutAnySettingEveryPhaseGetsWarmgatesDefaults() {
    PhasePolicies p = new PolicyResolver(metadata, List.of()).base();

    assertThat(p).isEqualTo(PolicyPresets.defaults());
    assertThat(p.enteringWarmPool().settleDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.coldStart().deadline()).contains(Duration.ofMinutes(30));
    assertThat(p.coldStart().probes()).containsExactly(HttpProbeSpec.http(80, "/"));
  }

  @Test
  void metadataOverridesEnvironmentWhichOverridesDefaults() {
    ConfigLayer env = ConfigLayer.fromEnvironment(Map.of(
        "WARMGATE_HTTP_PORT", "8080",
        "WARMGATE_HTTP_PATH", "/ready",
        "WARMGATE_INTERVAL", "20s"));
    PolicyResolver resolver = new PolicyResolver(metadata, List.of(env));

    PhasePolicies p = resolver.resolve("my-hook", Optional.of(
        "warmgate http.port=80 http.path=/health http.codes=200-399 deadline=PT25M atDeadline=ABANDON consecutive=3"
            + " settle=PT30S interval=PT15S"));

    ReadinessPolicy cold = p.coldStart();
    HttpProbeSpec http = (HttpProbeSpec) cold.probes().get(0);
    assertThat(http.port()).isEqualTo(80);
    assertThat(http.path()).isEqualTo("/health");
    assertThat(http.codes()).hasToString("200-399");
    assertThat(cold.deadline()).contains(Duration.ofMinutes(25));
    assertThat(cold.settleDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(cold.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(resolver.base().coldStart().interval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(((HttpProbeSpec) resolver.base().coldStart().probes().get(0)).path()).isEqualTo("/ready");
  }

  @Test
  void perPhaseSettingsOverrideOnlyTheirPhase() {
    ConfigLayer env = ConfigLayer.fromEnvironment(Map.of(
        "WARMGATE_SETTLE", "10s",
        "WARMGATE_PHASES_ENTERING_WARM_POOL_SETTLE", "45s",
        "WARMGATE_PHASES_COLD_START_DEADLINE", "none"));

    PhasePolicies p = PolicyResolver.resolve(List.of(env));

    assertThat(p.enteringWarmPool().settleDelay()).isEqualTo(Duration.ofSeconds(45));
    assertThat(p.leavingWarmPool().settleDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.coldStart().deadline()).isEmpty();
    assertThat(p.leavingWarmPool().deadline()).contains(Duration.ofMinutes(15));
  }

  @Test
  void probesCombineHttpTcpAndStatusChecks() {
    PhasePolicies p = PolicyResolver.resolve(List.of(new ConfigLayer("test", Map.of(
        "probes", "http, tcp,ec2status", "tcp.port", "3389", "http.scheme", "https", "http.trustSelfSigned", "true",
        "http.bodyContains", "OK", "http.connectTimeout", "1s", "http.readTimeout", "1500ms"))));

    assertThat(p.coldStart().probes()).containsExactly(
        new HttpProbeSpec("https", 80, "/", StatusCodes.SUCCESS, Optional.of("OK"), Duration.ofSeconds(1), Duration.ofMillis(1500), true),
        new TcpProbeSpec(3389, TcpProbeSpec.DEFAULT_CONNECT_TIMEOUT),
        new Ec2StatusProbeSpec());
  }

  @Test
  void theUsualFixPresetCanBeChosenAndRefined() {
    PhasePolicies p = PolicyResolver.resolve(List.of(new ConfigLayer("test", Map.of("preset", "usual-fix", "http.port", "8080"))));

    assertThat(p.coldStart().consecutiveSuccesses()).isEqualTo(1);
    assertThat(p.coldStart().deadline()).isEmpty();
    assertThat(p.coldStart().heartbeats()).isFalse();
    assertThat(((HttpProbeSpec) p.coldStart().probes().get(0)).port()).isEqualTo(8080);
  }

  @Test
  void anInvalidMetadataValueNamesTheHookAndTheField() {
    PolicyResolver resolver = new PolicyResolver(metadata, List.of());

    assertThatThrownBy(() -> resolver.resolve("my-hook", Optional.of("warmgate http.port=abc")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("NotificationMetadata of hook my-hook: warmgate.http.port: expected 1..65535, got 'abc'");
  }

  @Test
  void anUnknownMetadataKeyIsAnErrorNotIgnored() {
    PolicyResolver resolver = new PolicyResolver(metadata, List.of());

    assertThatThrownBy(() -> resolver.resolve("my-hook", Optional.of("warmgate http.prot=80")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("NotificationMetadata of hook my-hook: warmgate.http.prot: unknown setting");
  }

  @Test
  void anInvalidEnvironmentVariableFailsAtStartupNamingTheVariable() {
    ConfigLayer env = ConfigLayer.fromEnvironment(Map.of("WARMGATE_AT_DEADLINE", "maybe"));

    assertThatThrownBy(() -> new PolicyResolver(metadata, List.of(env)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("environment: WARMGATE_AT_DEADLINE: expected ABANDON or CONTINUE, got 'maybe'");
  }

  @Test
  void aTypoInAReservedEnvironmentPrefixIsAnErrorButOtherVariablesAreLeftAlone() {
    ConfigLayer env = ConfigLayer.fromEnvironment(Map.of("WARMGATE_HTTP_PROT", "80", "WARMGATE_GROUPS", "a,b", "PATH", "/bin"));

    assertThat(env.settings()).containsOnlyKeys("WARMGATE_HTTP_PROT");
    assertThatThrownBy(() -> PolicyResolver.resolve(List.of(env)))
        .hasMessage("environment: WARMGATE_HTTP_PROT: unknown setting");
  }

  @Test
  void resolutionsAreCachedPerHookAndMetadata() {
    AtomicInteger parses = new AtomicInteger();
    MetadataParser counting = (source, text) -> {
      parses.incrementAndGet();
      return this.metadata.parse(source, text);
    };
    PolicyResolver resolver = new PolicyResolver(counting, List.of());
    String md = "warmgate consecutive=5";

    resolver.resolve("h", Optional.of(md));
    resolver.resolve("h", Optional.of(md));
    assertThatThrownBy(() -> resolver.resolve("h2", Optional.of("warmgate consecutive=0")));
    assertThatThrownBy(() -> resolver.resolve("h2", Optional.of("warmgate consecutive=0")));

    assertThat(parses).hasValue(2);
  }

  @Test
  void tcpWithoutAPortIsAnError() {
    assertThatThrownBy(() -> PolicyResolver.resolve(List.of(ConfigLayer.fromEnvironment(Map.of("WARMGATE_PROBES", "tcp")))))
        .hasMessage("environment: WARMGATE_PROBES: tcp needs tcp.port to be set");
  }

  @Test
  void rejectsInvalidValuesForEveryKindOfSetting() {
    Map<String, String> bad = Map.ofEntries(
        Map.entry("http.scheme", "ftp"),
        Map.entry("http.path", "health"),
        Map.entry("http.codes", "2xx"),
        Map.entry("http.trustSelfSigned", "yes"),
        Map.entry("interval", "15"),
        Map.entry("probeTimeout", "0s"),
        Map.entry("consecutive", "0"),
        Map.entry("deadline", "soon"),
        Map.entry("settle", "-5s"),
        Map.entry("probes", "http,http"),
        Map.entry("phases.warmPool.settle", "1s"),
        Map.entry("preset", "fast"));
    bad.forEach((key, value) -> assertThatThrownBy(() -> PolicyResolver.resolve(List.of(new ConfigLayer("test", Map.of(key, value)))))
        .as(key)
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("test: " + key + ": "));
  }

  @Test
  void readsDurationsInIsoAndShortForms() {
    PhasePolicies p = PolicyResolver.resolve(List.of(new ConfigLayer("t", Map.of(
        "deadline", "25m", "interval", "PT15S", "settle", "1m30s", "heartbeatMargin", "900s", "atDeadline", "continue"))));

    assertThat(p.coldStart().deadline()).contains(Duration.ofMinutes(25));
    assertThat(p.coldStart().interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.coldStart().settleDelay()).isEqualTo(Duration.ofSeconds(90));
    assertThat(p.coldStart().heartbeatMargin()).isEqualTo(Duration.ofMinutes(15));
    assertThat(p.coldStart().resultAtDeadline()).isEqualTo(LifecycleResult.CONTINUE);
  }

  @Test
  void everyKeyHasAnEnvironmentName() {
    assertThat(ConfigKeys.envName("http.bodyContains")).isEqualTo("WARMGATE_HTTP_BODY_CONTAINS");
    assertThat(ConfigKeys.envName("atDeadline")).isEqualTo("WARMGATE_AT_DEADLINE");
    assertThat(ConfigKeys.envName("phases.enteringWarmPool.settle")).isEqualTo("WARMGATE_PHASES_ENTERING_WARM_POOL_SETTLE");
    assertThat(ConfigKeys.allKeys()).extracting(ConfigKeys::envName).doesNotHaveDuplicates();
    assertThat(ConfigKeys.isKnown("phases.coldStart.http.port")).isTrue();
    assertThat(ConfigKeys.isKnown("phases.coldStart.preset")).isFalse();
  }

  @Test
  void aPolicyForTheTerminatingPhaseDoesNotExist() {
    assertThatThrownBy(() -> PolicyPresets.defaults().forPhase(Phase.TERMINATING)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEffectiveSettingsResolveBackToTheSamePolicies() {
    PhasePolicies p = PolicyResolver.resolve(List.of(new ConfigLayer("t", Map.of(
        "probes", "http,tcp", "tcp.port", "3389", "http.bodyContains", "ok", "phases.coldStart.deadline", "none"))));

    Map<String, String> settings = p.toSettings();

    assertThat(settings).containsEntry("probes", "http,tcp").containsEntry("tcp.port", "3389")
        .containsEntry("phases.enteringWarmPool.settle", "30s").containsEntry("phases.coldStart.deadline", "none")
        .containsEntry("phases.enteringWarmPool.interval", "2s").containsEntry("phases.coldStart.interval", "15s").containsEntry("phases.leavingWarmPool.interval", "2s")
        .containsEntry("phases.enteringWarmPool.confirmInterval", "1s").containsEntry("phases.leavingWarmPool.confirmInterval", "200ms");
    assertThat(PolicyResolver.resolve(List.of(new ConfigLayer("printed", settings)))).isEqualTo(p);
    assertThat(PolicyResolver.resolve(List.of(new ConfigLayer("printed", PolicyPresets.usualFix().toSettings()))))
        .isEqualTo(PolicyPresets.usualFix());
  }
}
