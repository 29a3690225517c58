package io.warmgate.core.probe;

import io.warmgate.core.model.Durations;
import io.warmgate.core.policy.ConfigValues;
import io.warmgate.core.policy.Ec2ConsoleProbeSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ec2console} kind: the ready line in the instance's console output, read through the EC2
 * API ({@link Ec2ConsoleProbeSpec}); needs no network path to the instance.
 */
public final class Ec2ConsoleProbeKind implements ProbeKind<Ec2ConsoleProbeSpec> {

  /** The one instance, listed in {@link ProbeKinds}. */
  public static final Ec2ConsoleProbeKind INSTANCE = new Ec2ConsoleProbeKind();

  private Ec2ConsoleProbeKind() {}

  @Override
  public String name() {
    return "ec2console";
  }

  @Override
  public Class<Ec2ConsoleProbeSpec> specType() {
    return Ec2ConsoleProbeSpec.class;
  }

  @Override
  public List<String> keys() {
    return List.of("ec2console.readyPattern", "ec2console.latest", "ec2console.timeout");
  }

  @Override
  public boolean needsNetwork() {
    return false;
  }

  @Override
  public ProbeDraft<Ec2ConsoleProbeSpec> draft(Optional<Ec2ConsoleProbeSpec> from) {
    return new ProbeDraft<>() {
      private Optional<String> readyPattern = from.flatMap(Ec2ConsoleProbeSpec::readyPattern);
      private Ec2ConsoleProbeSpec.Latest latest = from.map(Ec2ConsoleProbeSpec::latest).orElse(Ec2ConsoleProbeSpec.Latest.AUTO);
      private Duration timeout = from.map(Ec2ConsoleProbeSpec::timeout).orElse(Ec2ConsoleProbeSpec.DEFAULT_TIMEOUT);

      @Override
      public void set(String key, String value) {
        switch (key) {
          case "ec2console.readyPattern" -> readyPattern = value.isEmpty() ? Optional.empty() : Optional.of(value);
          case "ec2console.latest" -> latest = Ec2ConsoleProbeSpec.Latest.parse(value);
          case "ec2console.timeout" -> timeout = ConfigValues.timeout(value);
          default -> throw new IllegalStateException("not an ec2console setting: " + key);
        }
      }

      @Override
      public Ec2ConsoleProbeSpec build() {
        return new Ec2ConsoleProbeSpec(readyPattern, latest, timeout);
      }
    };
  }

  @Override
  public Map<String, String> settings(Ec2ConsoleProbeSpec spec) {
    Map<String, String> m = new LinkedHashMap<>();
    spec.readyPattern().ifPresent(p -> m.put("ec2console.readyPattern", p));
    m.put("ec2console.latest", spec.latest().setting());
    m.put("ec2console.timeout", Durations.human(spec.timeout()));
    return m;
  }

  @Override
  public Probe create(Ec2ConsoleProbeSpec spec, ProbePorts ports) {
    return new Ec2ConsoleProbe(spec, ports.console(), ports.blockingExecutor(), ports.scheduler(), ports.apiBudget());
  }
}
