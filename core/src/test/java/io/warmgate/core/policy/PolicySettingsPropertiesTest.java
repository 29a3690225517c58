package io.warmgate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.testing.Inputs;
import io.warmgate.core.testing.Trials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Printing the effective settings and reading them back gives the same policies, whatever they are. */
class PolicySettingsPropertiesTest {

  /** A random policy: one to three probe kinds with random settings, and random timing settings. */
  static ReadinessPolicy randomPolicy(Inputs in) {
    HttpProbeSpec http = new HttpProbeSpec(
        in.oneOf("http", "https"),
        in.intBetween(1, 65535),
        in.oneOf("/", "/health", "/ready?full=1"),
        StatusCodes.parse(in.oneOf("200-299", "200,204", "200-399,404")),
        in.optional(0.3, () -> in.oneOf("ready", "OK")),
        Duration.ofMillis(in.intBetween(1, 30_000)),
        Duration.ofMillis(in.intBetween(1, 30_000)),
        in.bool());
    int tcpPort = in.intBetween(1, 65535);
    int mask = in.intBetween(0, 7);
    List<ProbeSpec> probes = new ArrayList<>();
    if ((mask & 1) != 0 || mask == 0) {
      probes.add(http);
    }
    if ((mask & 2) != 0) {
      probes.add(new TcpProbeSpec(tcpPort, Duration.ofSeconds(2)));
    }
    if ((mask & 4) != 0) {
      probes.add(new Ec2StatusProbeSpec());
    }
    int intervalMs = in.intBetween(10, 3_600_000);
    int timeoutMs = in.intBetween(1, 300_000);
    int n = in.intBetween(1, 100);
    Integer deadlineS = in.orNull(0.2, () -> in.intBetween(1, 172_800));
    LifecycleResult atDeadline = in.oneOf(LifecycleResult.class);
    int settleS = in.intBetween(0, 3600);
    boolean flag = in.bool();
    return ReadinessPolicy.builder()
        .probes(probes)
        .interval(Duration.ofMillis(intervalMs))
        .probeTimeout(Duration.ofMillis(timeoutMs))
        .consecutiveSuccesses(n)
        .deadline(Optional.ofNullable(deadlineS).map(Duration::ofSeconds))
        .resultAtDeadline(atDeadline)
        .settleDelay(Duration.ofSeconds(settleS))
        .shadowMode(flag)
        .heartbeats(!flag)
        .heartbeatMargin(Duration.ofSeconds(settleS / 2))
        .build();
  }

  @Test
  void effectiveSettingsResolveBackToTheSamePolicies() {
    Trials.run(300, in -> {
      PhasePolicies policies = new PhasePolicies(randomPolicy(in), randomPolicy(in), randomPolicy(in));

      PhasePolicies back = PolicyResolver.resolve(List.of(new ConfigLayer("printed", policies.toSettings())));

      assertThat(back).isEqualTo(policies);
    });
  }
}
