package io.warmgate.core.probe;

import io.warmgate.core.model.Durations;
import io.warmgate.core.policy.ConfigValues;
import io.warmgate.core.policy.HttpProbeSpec;
import io.warmgate.core.policy.StatusCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@code http} kind: an HTTP(S) GET against the instance's private IP ({@link HttpProbeSpec}). */
public final class HttpProbeKind implements ProbeKind<HttpProbeSpec> {

  /** The one instance, listed in {@link ProbeKinds}. */
  public static final HttpProbeKind INSTANCE = new HttpProbeKind();

  private static final int MAX_BODY_CONTAINS = 1024;

  private HttpProbeKind() {}

  @Override
  public String name() {
    return "http";
  }

  @Override
  public Class<HttpProbeSpec> specType() {
    return HttpProbeSpec.class;
  }

  @Override
  public List<String> keys() {
    return List.of("http.scheme", "http.port", "http.path", "http.codes", "http.bodyContains", "http.connectTimeout",
        "http.readTimeout", "http.trustSelfSigned");
  }

  @Override
  public boolean needsNetwork() {
    return true;
  }

  @Override
  public ProbeDraft<HttpProbeSpec> draft(Optional<HttpProbeSpec> from) {
    return new ProbeDraft<>() {
      private HttpProbeSpec http = from.orElse(HttpProbeSpec.http(80, "/"));

      @Override
      public void set(String key, String value) {
        switch (key) {
          case "http.scheme" -> {
            String s = value.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("http") && !s.equals("https")) {
              throw new IllegalArgumentException("expected http or https, got '" + value + "'");
            }
            http = http.withScheme(s);
          }
          case "http.port" -> http = http.withPort(ConfigValues.integer(value, 1, 65535));
          case "http.path" -> {
            try {
              http = http.withPath(value.trim());
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("expected a path starting with '/' in printable ASCII, got '" + value + "'");
            }
          }
          case "http.codes" -> http = http.withCodes(StatusCodes.parse(value));
          case "http.bodyContains" -> {
            if (value.length() > MAX_BODY_CONTAINS) {
              throw new IllegalArgumentException("expected at most " + MAX_BODY_CONTAINS + " characters, got " + value.length());
            }
            http = http.withBodyContains(value.isEmpty() ? Optional.empty() : Optional.of(value));
          }
          case "http.connectTimeout" -> http = http.withConnectTimeout(ConfigValues.timeout(value));
          case "http.readTimeout" -> http = http.withReadTimeout(ConfigValues.timeout(value));
          case "http.trustSelfSigned" -> http = http.withTrustSelfSigned(ConfigValues.bool(value));
          default -> throw new IllegalStateException("not an http setting: " + key);
        }
      }

      @Override
      public HttpProbeSpec build() {
        return http;
      }
    };
  }

  @Override
  public Map<String, String> settings(HttpProbeSpec h) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("http.scheme", h.scheme());
    m.put("http.port", Integer.toString(h.port()));
    m.put("http.path", h.path());
    m.put("http.codes", h.codes().toString());
    h.bodyContains().ifPresent(b -> m.put("http.bodyContains", b));
    m.put("http.connectTimeout", Durations.human(h.connectTimeout()));
    m.put("http.readTimeout", Durations.human(h.readTimeout()));
    m.put("http.trustSelfSigned", Boolean.toString(h.trustSelfSigned()));
    return m;
  }

  @Override
  public Probe create(HttpProbeSpec spec, ProbePorts ports) {
    return new HttpProbe(spec, ports.sockets(), ports.tls().apply(spec.trustSelfSigned()), ports.scheduler());
  }
}
