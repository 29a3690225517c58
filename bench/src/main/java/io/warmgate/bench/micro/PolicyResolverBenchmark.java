package io.warmgate.bench.micro;

import io.warmgate.aws.event.JacksonMetadataParser;
import io.warmgate.core.model.Phase;
import io.warmgate.core.policy.ConfigLayer;
import io.warmgate.core.policy.PhasePolicies;
import io.warmgate.core.policy.PolicyResolver;
import io.warmgate.core.policy.ReadinessPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures policy resolution as the gate does it once per action: environment layer plus a hook's
 * NotificationMetadata, through the resolver's cache (the usual case) and without it (a hook seen for
 * the first time, or metadata that changes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyResolverBenchmark {

  private static final String METADATA =
      "{\"warmgate\":{\"http\":{\"port\":80,\"path\":\"/health\",\"codes\":\"200-399\"},\"deadline\":\"PT25M\","
          + "\"consecutive\":3,\"settle\":\"PT30S\",\"interval\":\"PT15S\",\"phases\":{\"leavingWarmPool\":{\"deadline\":\"10m\"}}}}";

  private PolicyResolver resolver;
  private JacksonMetadataParser parser;
  private ConfigLayer environment;
  private int counter;

  /** One resolver with an environment layer, warmed with the benchmark's metadata. */
  @Setup
  public void setUp() {
    parser = new JacksonMetadataParser();
    environment = ConfigLayer.fromEnvironment(Map.of("WARMGATE_INTERVAL", "20s", "WARMGATE_HTTP_PORT", "8080"));
    resolver = new PolicyResolver(parser, List.of(environment));
    resolver.resolve("hook", Optional.of(METADATA));
  }

  /** The usual case: the hook's metadata was resolved before. */
  @Benchmark
  public ReadinessPolicy cached() {
    return resolver.resolve("hook", Optional.of(METADATA)).forPhase(Phase.ENTERING_WARM_POOL);
  }

  /** Parse the metadata JSON and resolve every layer, as for a hook seen for the first time. */
  @Benchmark
  public PhasePolicies uncached() {
    ConfigLayer metadata = parser.parse(PolicyResolver.metadataSource("hook" + (counter++ & 7)), METADATA);
    return PolicyResolver.resolve(List.of(environment, metadata));
  }
}
