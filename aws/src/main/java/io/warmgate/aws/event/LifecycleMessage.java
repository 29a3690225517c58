package io.warmgate.aws.event;

import io.warmgate.core.model.LifecycleAction;
import java.util.Objects;

/**
 * What one incoming message turned out to be: a lifecycle action to gate, a test notification to
 * acknowledge, something well-formed that is not ours, or garbage.
 *
 * <p>Switch over it exhaustively, without {@code default}. {@link TestNotification} and {@link
 * Ignored} are "drop and acknowledge"; {@link Malformed} is also dropped (retrying garbage never
 * helps) but deserves a warning, since the sweep is then the only way its action gets gated.
 */
public sealed interface LifecycleMessage {

  /** A lifecycle action, launching or terminating (the gate decides what to do with the latter). */
  record Action(LifecycleAction action, String source) implements LifecycleMessage {
    public Action {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(source, "source");
    }
  }

  /** Auto Scaling's {@code autoscaling:TEST_NOTIFICATION}, sent when a hook's target is set up. */
  record TestNotification(String groupName) implements LifecycleMessage {
    public TestNotification {
      Objects.requireNonNull(groupName, "groupName");
    }
  }

  /** A well-formed message that is not a lifecycle action (another event type or source). */
  record Ignored(String reason) implements LifecycleMessage {
    public Ignored {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Input that cannot be read as any known message; the reason names what is wrong. */
  record Malformed(String reason) implements LifecycleMessage {
    public Malformed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
