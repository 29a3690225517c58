package io.warmgate.lambda;

import io.warmgate.core.port.GateListener.ActionFinished;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Writes {@link GateMetrics} as CloudWatch EMF lines through Powertools' functional metrics API: one
 * flushed metrics context per event, dimensioned by {@code AutoScalingGroupName} only.
 *
 * <p>Thread-safe: flushes are serialized, because actions finish on several gate threads.
 */
public final class PowertoolsGateMetrics implements GateMetrics {

  /** The CloudWatch namespace. */
  public static final String NAMESPACE = "warmgate";
  /** The one dimension. */
  public static final String DIMENSION = "AutoScalingGroupName";

  private static final Logger LOG = LoggerFactory.getLogger(PowertoolsGateMetrics.class);

  private final Metrics metrics;
  private String lastFailure; // guarded by this

  /** Configures the given Powertools metrics instance with the namespace and no default dimensions. */
  public PowertoolsGateMetrics(Metrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    metrics.setNamespace(NAMESPACE);
    // Powertools' default "Service" dimension would make every query name it; one dimension reads simpler.
    metrics.setDefaultDimensions(new DimensionSet());
    metrics.setRaiseOnEmptyMetrics(false);
  }

  @Override
  public synchronized void actionFinished(ActionFinished f) {
    try {
      metrics.flushMetrics(m -> {
        // Replaces EMF's own defaults (LogGroup, ServiceName, ServiceType): one dimension, as documented.
        m.setDefaultDimensions(DimensionSet.of(DIMENSION, f.action().groupName()));
        m.addMetric("ProbesPerAction", f.probeCount(), MetricUnit.COUNT);
        switch (f.outcome()) {
          case CONTINUED -> {
            m.addMetric("Continued", 1, MetricUnit.COUNT);
            f.timeToReady().ifPresent(t -> m.addMetric("TimeToReadySeconds", t.toMillis() / 1000.0, MetricUnit.SECONDS));
          }
          case ABANDONED -> m.addMetric("Abandoned", 1, MetricUnit.COUNT);
          case ALREADY_COMPLETED -> m.addMetric("AlreadyCompleted", 1, MetricUnit.COUNT);
          case FAILED -> m.addMetric("GateErrors", 1, MetricUnit.COUNT);
          case SHADOWED, STOPPED, HANDED_OVER -> {
            // Counted by ProbesPerAction only; the decision log tells them apart.
          }
        }
      });
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /** Metrics must never break the gate, but a failure to write them is logged, once per distinct message. */
  private void failed(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    if (!message.equals(lastFailure)) {
      lastFailure = message;
      LOG.warn("cannot write metrics: {}", message, e);
    }
  }

  @Override
  public synchronized void gateError(String groupName) {
    try {
      metrics.flushMetrics(m -> {
        m.setDefaultDimensions(DimensionSet.of(DIMENSION, groupName));
        m.addMetric("GateErrors", 1, MetricUnit.COUNT);
      });
    } catch (RuntimeException e) {
      failed(e);
    }
  }
}
