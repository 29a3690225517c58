package io.warmgate.core.policy;

import io.warmgate.core.model.Durations;
import io.warmgate.core.model.Phase;
import io.warmgate.core.probe.ProbeKinds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes policies back as settings, for printing the effective configuration. */
final class PolicySettings {

  private static final List<Phase> PHASES = List.of(Phase.ENTERING_WARM_POOL, Phase.LEAVING_WARM_POOL, Phase.COLD_START);

  private PolicySettings() {}

  static Map<String, String> of(PhasePolicies policies) {
    Map<Phase, Map<String, String>> perPhase = new LinkedHashMap<>();
    for (Phase p : PHASES) {
      perPhase.put(p, of(policies.forPhase(p)));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : ConfigKeys.POLICY_KEYS) {
      List<String> values = PHASES.stream().map(p -> perPhase.get(p).get(key)).toList();
      if (values.stream().distinct().count() == 1) {
        if (values.get(0) != null) {
          out.put(key, values.get(0));
        }
      } else {
        for (Phase p : PHASES) {
          String v = perPhase.get(p).get(key);
          if (v != null) {
            out.put(ConfigKeys.phasePrefix(p) + key, v);
          }
        }
      }
    }
    return out;
  }

  private static Map<String, String> of(ReadinessPolicy policy) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("probes", policy.probes().stream().map(ProbeSpec::kind).collect(Collectors.joining(",")));
    for (ProbeSpec spec : policy.probes()) {
      m.putAll(ProbeKinds.settings(spec));
    }
    m.put("interval", Durations.human(policy.interval()));
    m.put("confirmInterval", Durations.human(policy.confirmInterval()));
    m.put("probeTimeout", Durations.human(policy.probeTimeout()));
    m.put("consecutive", Integer.toString(policy.consecutiveSuccesses()));
    m.put("deadline", policy.deadline().map(Durations::human).orElse("none"));
    m.put("atDeadline", policy.resultAtDeadline().name());
    m.put("settle", Durations.human(policy.settleDelay()));
    m.put("shadow", Boolean.toString(policy.shadowMode()));
    m.put("heartbeats", Boolean.toString(policy.heartbeats()));
    m.put("heartbeatMargin", Durations.human(policy.heartbeatMargin()));
    return m;
  }
}
