package io.warmgate.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What the gate decides for a lifecycle action after a round of probes.
 *
 * <p>Switch over it exhaustively, without {@code default}, so that a new outcome breaks the build
 * wherever it must be handled.
 */
public sealed interface Decision {

  /** Why the gate decided this, in one sentence for logs and reports. */
  String reason();

  /** The instance is ready: complete the action with {@code CONTINUE}. */
  record Continue(String reason) implements Decision {
    public Continue {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The instance missed its deadline (with result ABANDON): complete the action with {@code ABANDON}. */
  record Abandon(String reason) implements Decision {
    public Abandon {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Not ready yet: check again at {@code nextCheckAt}, sending a heartbeat first if {@code heartbeatNow}.
   */
  record Wait(Instant nextCheckAt, boolean heartbeatNow, String reason) implements Decision {
    public Wait {
      Objects.requireNonNull(nextCheckAt, "nextCheckAt");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Stop gating without completing: the action or the instance is gone, or the action is not ours.
   * (Shadow mode is the gate's business, not a decision: the verdict stays Continue or Abandon and the
   * gate simply does not send it.)
   */
  record Stop(String reason) implements Decision {
    public Stop {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
