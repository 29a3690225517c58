package io.warmgate.emulator.internal.engine;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The Auto Scaling lifecycle states the emulator models, spelled as the API spells them, with the
 * transitions the engine may make between them. A move the table does not allow is an engine bug
 * and fails with {@link IllegalStateException}.
 */
public enum LifecycleState {
  PENDING("Pending"),
  PENDING_WAIT("Pending:Wait"),
  PENDING_PROCEED("Pending:Proceed"),
  IN_SERVICE("InService"),
  TERMINATING("Terminating"),
  TERMINATING_WAIT("Terminating:Wait"),
  TERMINATING_PROCEED("Terminating:Proceed"),
  /** Kept after an abandoned termination, as the group's instance lifecycle policy asks. */
  TERMINATING_RETAINED("Terminating:Retained"),
  TERMINATED("Terminated"),
  WARMED_PENDING("Warmed:Pending"),
  WARMED_PENDING_WAIT("Warmed:Pending:Wait"),
  WARMED_PENDING_PROCEED("Warmed:Pending:Proceed"),
  WARMED_TERMINATING("Warmed:Terminating"),
  WARMED_TERMINATING_WAIT("Warmed:Terminating:Wait"),
  WARMED_TERMINATING_PROCEED("Warmed:Terminating:Proceed"),
  /** A pool instance kept after an abandoned termination, as the group's instance lifecycle policy asks. */
  WARMED_TERMINATING_RETAINED("Warmed:Terminating:Retained"),
  WARMED_TERMINATED("Warmed:Terminated"),
  WARMED_STOPPED("Warmed:Stopped"),
  WARMED_RUNNING("Warmed:Running"),
  WARMED_HIBERNATED("Warmed:Hibernated");

  private static final Map<LifecycleState, Set<LifecycleState>> NEXT = new EnumMap<>(LifecycleState.class);

  static {
    // In the group: launch (cold or warm start), in service, scale-in to the pool or out.
    allow(PENDING, PENDING_WAIT, IN_SERVICE);
    allow(PENDING_WAIT, PENDING_PROCEED);
    allow(PENDING_PROCEED, IN_SERVICE);
    allow(IN_SERVICE);
    for (LifecycleState s : EnumSet.of(PENDING, PENDING_WAIT, PENDING_PROCEED, IN_SERVICE)) {
      // Scale-in, user termination, health replacement, ABANDON, reuse on scale-in.
      allow(s, TERMINATING, TERMINATING_PROCEED, WARMED_PENDING);
    }
    allow(TERMINATING, TERMINATING_WAIT);
    allow(TERMINATING_WAIT, TERMINATING_PROCEED, TERMINATING_RETAINED);
    // A retained instance stays until TerminateInstanceInAutoScalingGroup.
    allow(TERMINATING_RETAINED, TERMINATING_PROCEED);
    // In the warm pool: launch into it (or reuse), wait in it, leave it.
    allow(WARMED_PENDING, WARMED_PENDING_WAIT, WARMED_PENDING_PROCEED);
    allow(WARMED_PENDING_WAIT, WARMED_PENDING_PROCEED);
    allow(WARMED_PENDING_PROCEED, WARMED_STOPPED, WARMED_RUNNING, WARMED_HIBERNATED);
    for (LifecycleState s : EnumSet.of(WARMED_STOPPED, WARMED_RUNNING, WARMED_HIBERNATED)) {
      allow(s, PENDING);
    }
    for (LifecycleState s : EnumSet.of(WARMED_PENDING, WARMED_PENDING_WAIT, WARMED_PENDING_PROCEED,
        WARMED_STOPPED, WARMED_RUNNING, WARMED_HIBERNATED)) {
      allow(s, WARMED_TERMINATING, WARMED_TERMINATING_PROCEED);
    }
    allow(WARMED_TERMINATING, WARMED_TERMINATING_WAIT);
    allow(WARMED_TERMINATING_WAIT, WARMED_TERMINATING_PROCEED, WARMED_TERMINATING_RETAINED);
    allow(WARMED_TERMINATING_RETAINED, WARMED_TERMINATING_PROCEED);
    allow(TERMINATED);
    allow(WARMED_TERMINATED);
    // EC2 can terminate an instance behind Auto Scaling's back in any state: it then leaves at once.
    for (LifecycleState s : values()) {
      if (!s.terminal()) {
        allow(s, TERMINATED, WARMED_TERMINATED);
      }
    }
  }

  private final String wire;

  LifecycleState(String wire) {
    this.wire = wire;
  }

  private static void allow(LifecycleState from, LifecycleState... to) {
    NEXT.computeIfAbsent(from, k -> EnumSet.noneOf(LifecycleState.class)).addAll(Set.of(to));
  }

  /** Returns the state as the API spells it, for example {@code Warmed:Pending:Wait}. */
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }

  /** Returns whether the engine may move an instance from this state to {@code next}. */
  public boolean canMoveTo(LifecycleState next) {
    return NEXT.get(this).contains(next);
  }

  /** Returns whether the instance is on its way out of the group or pool, or gone. */
  public boolean leaving() {
    return switch (this) {
      case TERMINATING, TERMINATING_WAIT, TERMINATING_PROCEED, TERMINATING_RETAINED, TERMINATED, WARMED_TERMINATING,
          WARMED_TERMINATING_WAIT, WARMED_TERMINATING_PROCEED, WARMED_TERMINATING_RETAINED, WARMED_TERMINATED -> true;
      default -> false;
    };
  }

  /** Returns whether a lifecycle hook holds the instance here, waiting for its action to complete. */
  public boolean heldByAction() {
    return this == PENDING_WAIT || this == TERMINATING_WAIT || this == WARMED_PENDING_WAIT || this == WARMED_TERMINATING_WAIT;
  }

  /** Returns whether the instance's lifecycle action has completed and it moves on. */
  public boolean proceedingAfterAction() {
    return this == PENDING_PROCEED || this == TERMINATING_PROCEED || this == WARMED_PENDING_PROCEED
        || this == WARMED_TERMINATING_PROCEED;
  }

  /** Returns whether the instance was kept after an abandoned termination (it counts toward no capacity). */
  public boolean retained() {
    return this == TERMINATING_RETAINED || this == WARMED_TERMINATING_RETAINED;
  }

  /** Returns whether no transition leaves this state. */
  public boolean terminal() {
    return this == TERMINATED || this == WARMED_TERMINATED;
  }

  /** Returns whether a pool instance in this state is ready for a warm start. */
  public boolean warmed() {
    return this == WARMED_STOPPED || this == WARMED_RUNNING || this == WARMED_HIBERNATED;
  }

  /** Returns whether the warm-pool instance is still being prepared (launching or being reused). */
  public boolean warmPending() {
    return this == WARMED_PENDING || this == WARMED_PENDING_WAIT || this == WARMED_PENDING_PROCEED;
  }

  /** Returns the state in which lifecycle hooks hold an instance entering this phase. */
  LifecycleState waiting() {
    return switch (this) {
      case PENDING -> PENDING_WAIT;
      case TERMINATING -> TERMINATING_WAIT;
      case WARMED_PENDING -> WARMED_PENDING_WAIT;
      case WARMED_TERMINATING -> WARMED_TERMINATING_WAIT;
      default -> throw new IllegalStateException("no hook holds an instance entering " + this);
    };
  }

  /** Returns the state an instance moves to once the hooks holding it (in this state) are done. */
  LifecycleState proceeding() {
    return switch (this) {
      case PENDING_WAIT -> PENDING_PROCEED;
      case TERMINATING_WAIT -> TERMINATING_PROCEED;
      case WARMED_PENDING_WAIT -> WARMED_PENDING_PROCEED;
      case WARMED_TERMINATING_WAIT -> WARMED_TERMINATING_PROCEED;
      default -> throw new IllegalStateException("no lifecycle action holds an instance in " + this);
    };
  }

  /** Returns the warmed state for a pool state ({@code Stopped}, {@code Running}, {@code Hibernated}). */
  static LifecycleState warmed(PoolState pool) {
    return switch (pool) {
      case STOPPED -> WARMED_STOPPED;
      case RUNNING -> WARMED_RUNNING;
      case HIBERNATED -> WARMED_HIBERNATED;
    };
  }
}
