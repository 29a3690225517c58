package io.warmgate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.LifecycleResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Printing the effective settings and reading them back gives the same policies, whatever they are. */
class PolicySettingsPropertiesTest {

  @Provide
  Arbitrary<ReadinessPolicy> policies() {
    Arbitrary<HttpProbeSpec> http = Combinators.combine(
            Arbitraries.of("http", "https"),
            Arbitraries.integers().between(1, 65535),
            Arbitraries.of("/", "/health", "/ready?full=1"),
            Arbitraries.of("200-299", "200,204", "200-399,404"),
            Arbitraries.of("ready", "OK").optional(),
            Arbitraries.integers().between(1, 30_000),
            Arbitraries.integers().between(1, 30_000),
            Arbitraries.of(true, false))
        .as((scheme, port, path, codes, body, connect, read, trust) -> new HttpProbeSpec(scheme, port, path, StatusCodes.parse(codes), body,
            Duration.ofMillis(connect), Duration.ofMillis(read), trust));
    Arbitrary<List<ProbeSpec>> probes = Combinators.combine(http, Arbitraries.integers().between(1, 65535), Arbitraries.integers().between(0, 7))
        .as((h, tcpPort, mask) -> {
          List<ProbeSpec> list = new ArrayList<>();
          if ((mask & 1) != 0 || mask == 0) {
            list.add(h);
          }
          if ((mask & 2) != 0) {
            list.add(new TcpProbeSpec(tcpPort, Duration.ofSeconds(2)));
          }
          if ((mask & 4) != 0) {
            list.add(new Ec2StatusProbeSpec());
          }
          return list;
        });
    return Combinators.combine(
            probes,
            Arbitraries.integers().between(10, 3_600_000),
            Arbitraries.integers().between(1, 300_000),
            Arbitraries.integers().between(1, 100),
            Arbitraries.integers().between(1, 172_800).injectNull(0.2),
            Arbitraries.of(LifecycleResult.class),
            Arbitraries.integers().between(0, 3600),
            Arbitraries.of(true, false))
        .as((p, intervalMs, timeoutMs, n, deadlineS, atDeadline, settleS, flag) -> ReadinessPolicy.builder()
            .probes(p)
            .interval(Duration.ofMillis(intervalMs))
            .probeTimeout(Duration.ofMillis(timeoutMs))
            .consecutiveSuccesses(n)
            .deadline(Optional.ofNullable(deadlineS).map(Duration::ofSeconds))
            .resultAtDeadline(atDeadline)
            .settleDelay(Duration.ofSeconds(settleS))
            .shadowMode(flag)
            .heartbeats(!flag)
            .heartbeatMargin(Duration.ofSeconds(settleS / 2))
            .build());
  }

  @Property(tries = 300)
  void effectiveSettingsResolveBackToTheSamePolicies(
      @ForAll("policies") ReadinessPolicy entering, @ForAll("policies") ReadinessPolicy leaving, @ForAll("policies") ReadinessPolicy cold) {
    PhasePolicies policies = new PhasePolicies(entering, leaving, cold);

    PhasePolicies back = PolicyResolver.resolve(List.of(new ConfigLayer("printed", policies.toSettings())));

    assertThat(back).isEqualTo(policies);
  }
}
