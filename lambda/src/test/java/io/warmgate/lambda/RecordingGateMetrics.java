package io.warmgate.lambda;

import io.warmgate.core.port.GateListener.ActionFinished;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Captures what would become metrics. */
final class RecordingGateMetrics implements GateMetrics {
  final List<ActionFinished> finished = new CopyOnWriteArrayList<>();
  final List<String> errors = new CopyOnWriteArrayList<>();

  @Override
  public void actionFinished(ActionFinished f) {
    finished.add(f);
  }

  @Override
  public void gateError(String groupName) {
    errors.add(groupName);
  }
}
