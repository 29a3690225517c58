package io.warmgate.cli.demo;

import io.warmgate.core.model.Decision;
import io.warmgate.core.port.GateListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps the gate's final decisions (Continue, Abandon, Stop) for the report's markers; the many Wait
 * decisions in between are not kept. Thread-safe.
 */
final class DecisionRecorder implements GateListener {

  private final List<DecisionNote> notes = new CopyOnWriteArrayList<>();

  @Override
  public void decisionMade(DecisionMade event) {
    Decision decision = event.decision();
    if (decision instanceof Decision.Wait) {
      return;
    }
    notes.add(new DecisionNote(event.action().instanceId(), event.at(), decision.getClass().getSimpleName(),
        decision.reason()));
  }

  List<DecisionNote> notes() {
    return List.copyOf(notes);
  }
}
