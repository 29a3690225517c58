package io.warmgate.emulator.internal.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Records one scaling activity for DescribeScalingActivities. An activity about an instance stays in progress
 * until the instance reaches the state the activity was for, as on AWS: a launch into the warm pool until the
 * instance is warmed, a launch until it is in service, a termination until it is terminated. While a lifecycle
 * hook holds the instance it reads {@code MidLifecycleAction}. Guarded by the engine lock.
 */
public final class Activity {
  private static final Set<LifecycleState> WARMED =
      Set.of(LifecycleState.WARMED_STOPPED, LifecycleState.WARMED_RUNNING, LifecycleState.WARMED_HIBERNATED);
  private static final Set<LifecycleState> IN_SERVICE = Set.of(LifecycleState.IN_SERVICE);
  private static final Set<LifecycleState> TERMINATED = Set.of(LifecycleState.TERMINATED, LifecycleState.WARMED_TERMINATED);

  private final String id;
  private final String groupName;
  private final String groupArn;
  private final String description;
  private final String cause;
  private final Instant start;
  private final String details;
  /** The lifecycle states that end this activity successfully; empty for one that is over at once. */
  private final Set<LifecycleState> doneStates;
  private Instant end;
  private String statusCode;
  private String statusMessage;
  private int progress;

  /**
   * @param finishedAs the status of an activity that is over as soon as it is recorded (e.g. {@code Failed}), or null
   *     for one that follows its instance
   */
  Activity(String id, String groupName, String groupArn, String description, String cause, Instant start,
      String details, String finishedAs) {
    this.id = id;
    this.groupName = groupName;
    this.groupArn = groupArn;
    this.description = description;
    this.cause = cause;
    this.start = start;
    this.details = details;
    this.doneStates = doneStates(description);
    if (finishedAs != null) {
      finish(start, finishedAs, null);
    } else if (doneStates.isEmpty()) {
      finish(start, "Successful", null);
    } else {
      this.statusCode = "InProgress";
      this.progress = 20;
    }
  }

  // Auto Scaling's fixed wording says what the activity waits for.
  private static Set<LifecycleState> doneStates(String description) {
    if (description.startsWith("Launching a new EC2 instance into warm pool")
        || description.startsWith("Moving EC2 instance to warm pool")) {
      return WARMED;
    }
    if (description.startsWith("Launching a new EC2 instance")) {
      return IN_SERVICE;
    }
    if (description.startsWith("Terminating EC2 instance")) {
      return TERMINATED;
    }
    return Set.of();
  }

  /**
   * Follows the instance into {@code state} (null: it has none); returns true once the activity is over (it no
   * longer needs to follow the instance).
   */
  boolean onLifecycle(LifecycleState state, Instant now) {
    if (end != null) {
      return true;
    }
    if (state != null && doneStates.contains(state)) {
      finish(now, "Successful", null);
      return true;
    }
    if (state != null && state.heldByAction()) {
      statusCode = "MidLifecycleAction";
      progress = 50;
    } else if (state != null && state.leaving() && !doneStates.equals(TERMINATED)) {
      finish(now, "Cancelled", "The instance left before the activity completed: " + state + ".");
      return true;
    } else if (state == null || !state.proceedingAfterAction()) {
      statusCode = "InProgress";
    }
    return false;
  }

  /** Ends an activity that did not complete, with AWS's status message, unless it is already over. */
  void cancel(Instant now, String message) {
    if (end == null) {
      finish(now, "Cancelled", message);
    }
  }

  private void finish(Instant at, String status, String message) {
    this.end = at;
    this.statusCode = status;
    this.statusMessage = message;
    this.progress = 100;
  }

  public String id() {
    return id;
  }

  public String groupName() {
    return groupName;
  }

  public String groupArn() {
    return groupArn;
  }

  public String description() {
    return description;
  }

  public String cause() {
    return cause;
  }

  public Instant start() {
    return start;
  }

  /** Null while in progress. */
  public Instant end() {
    return end;
  }

  public String statusCode() {
    return statusCode;
  }

  /** Null unless the activity failed or was cancelled. */
  public String statusMessage() {
    return statusMessage;
  }

  public int progress() {
    return progress;
  }

  public String details() {
    return details;
  }

  @Override
  public String toString() {
    return "Activity[" + description + " " + statusCode + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Activity a && a.id.equals(id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id);
  }
}
