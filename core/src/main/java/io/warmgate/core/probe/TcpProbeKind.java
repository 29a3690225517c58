package io.warmgate.core.probe;

import io.warmgate.core.model.Durations;
import io.warmgate.core.policy.ConfigValues;
import io.warmgate.core.policy.TcpProbeSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code tcp} kind: a TCP connect to the instance's private IP ({@link TcpProbeSpec}). */
public final class TcpProbeKind implements ProbeKind<TcpProbeSpec> {

  /** The one instance, listed in {@link ProbeKinds}. */
  public static final TcpProbeKind INSTANCE = new TcpProbeKind();

  private TcpProbeKind() {}

  @Override
  public String name() {
    return "tcp";
  }

  @Override
  public Class<TcpProbeSpec> specType() {
    return TcpProbeSpec.class;
  }

  @Override
  public List<String> keys() {
    return List.of("tcp.port", "tcp.connectTimeout");
  }

  @Override
  public boolean needsNetwork() {
    return true;
  }

  @Override
  public ProbeDraft<TcpProbeSpec> draft(Optional<TcpProbeSpec> from) {
    return new ProbeDraft<>() {
      // No default port: a TCP probe on a guessed port would pass or fail for the wrong reason.
      private Integer port = from.map(TcpProbeSpec::port).orElse(null);
      private Duration connectTimeout = from.map(TcpProbeSpec::connectTimeout).orElse(TcpProbeSpec.DEFAULT_CONNECT_TIMEOUT);

      @Override
      public void set(String key, String value) {
        switch (key) {
          case "tcp.port" -> port = ConfigValues.integer(value, 1, 65535);
          case "tcp.connectTimeout" -> connectTimeout = ConfigValues.timeout(value);
          default -> throw new IllegalStateException("not a tcp setting: " + key);
        }
      }

      @Override
      public TcpProbeSpec build() {
        if (port == null) {
          throw new IllegalArgumentException("tcp needs tcp.port to be set");
        }
        return new TcpProbeSpec(port, connectTimeout);
      }
    };
  }

  @Override
  public Map<String, String> settings(TcpProbeSpec t) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("tcp.port", Integer.toString(t.port()));
    m.put("tcp.connectTimeout", Durations.human(t.connectTimeout()));
    return m;
  }

  @Override
  public Probe create(TcpProbeSpec spec, ProbePorts ports) {
    return new TcpProbe(spec, ports.sockets(), ports.scheduler());
  }
}
