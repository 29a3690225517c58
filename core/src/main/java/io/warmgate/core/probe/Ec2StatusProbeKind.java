package io.warmgate.core.probe;

import io.warmgate.core.model.Durations;
import io.warmgate.core.policy.ConfigValues;
import io.warmgate.core.policy.Ec2StatusProbeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code ec2status} kind: EC2's status checks through the API ({@link Ec2StatusProbeSpec}). */
public final class Ec2StatusProbeKind implements ProbeKind<Ec2StatusProbeSpec> {

  /** The one instance, listed in {@link ProbeKinds}. */
  public static final Ec2StatusProbeKind INSTANCE = new Ec2StatusProbeKind();

  private Ec2StatusProbeKind() {}

  @Override
  public String name() {
    return "ec2status";
  }

  @Override
  public Class<Ec2StatusProbeSpec> specType() {
    return Ec2StatusProbeSpec.class;
  }

  @Override
  public List<String> keys() {
    return List.of("ec2status.timeout");
  }

  @Override
  public boolean needsNetwork() {
    return false;
  }

  @Override
  public ProbeDraft<Ec2StatusProbeSpec> draft(Optional<Ec2StatusProbeSpec> from) {
    return new ProbeDraft<>() {
      private Duration timeout = from.map(Ec2StatusProbeSpec::timeout).orElse(Ec2StatusProbeSpec.DEFAULT_TIMEOUT);

      @Override
      public void set(String key, String value) {
        switch (key) {
          case "ec2status.timeout" -> timeout = ConfigValues.timeout(value);
          default -> throw new IllegalStateException("not an ec2status setting: " + key);
        }
      }

      @Override
      public Ec2StatusProbeSpec build() {
        return new Ec2StatusProbeSpec(timeout);
      }
    };
  }

  @Override
  public Map<String, String> settings(Ec2StatusProbeSpec spec) {
    return Map.of("ec2status.timeout", Durations.human(spec.timeout()));
  }

  @Override
  public Probe create(Ec2StatusProbeSpec spec, ProbePorts ports) {
    return new Ec2StatusProbe(ports.statusChecks(), ports.blockingExecutor(), ports.scheduler(), spec.timeout());
  }
}
