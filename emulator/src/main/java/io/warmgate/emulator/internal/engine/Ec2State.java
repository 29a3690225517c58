package io.warmgate.emulator.internal.engine;

import java.util.EnumSet;
import java.util.Set;

/**
 * The EC2 instance states with their API codes and the transitions between them. A move the table
 * does not allow is an engine bug and fails with {@link IllegalStateException}.
 */
public enum Ec2State {
  PENDING("pending", 0),
  RUNNING("running", 16),
  SHUTTING_DOWN("shutting-down", 32),
  TERMINATED("terminated", 48),
  STOPPING("stopping", 64),
  STOPPED("stopped", 80);

  private final String wire;
  private final int code;

  Ec2State(String wire, int code) {
    this.wire = wire;
    this.code = code;
  }

  /** Returns the state name as EC2 spells it. */
  public String wire() {
    return wire;
  }

  /** Returns the EC2 state code. */
  public int code() {
    return code;
  }

  @Override
  public String toString() {
    return wire;
  }

  private Set<Ec2State> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(RUNNING, SHUTTING_DOWN);
      case RUNNING -> EnumSet.of(STOPPING, SHUTTING_DOWN);
      case STOPPING -> EnumSet.of(STOPPED, SHUTTING_DOWN);
      case STOPPED -> EnumSet.of(PENDING, SHUTTING_DOWN);
      case SHUTTING_DOWN -> EnumSet.of(TERMINATED);
      case TERMINATED -> EnumSet.noneOf(Ec2State.class);
    };
  }

  /** Returns whether an instance may move from this state to {@code next}. */
  public boolean canMoveTo(Ec2State next) {
    return next().contains(next);
  }

  /** Returns whether StartInstances accepts an instance in this state (a no-op unless stopped). */
  public boolean startable() {
    return this == PENDING || this == RUNNING || this == STOPPED;
  }

  /** Returns whether StopInstances accepts an instance in this state (a no-op unless running). */
  public boolean stoppable() {
    return this == RUNNING || this == STOPPING || this == STOPPED;
  }

  /** Returns whether the instance is shut down or on its way there. */
  public boolean down() {
    return this == STOPPING || this == STOPPED || this == TERMINATED;
  }

  /** Returns whether the instance is terminated or being terminated. */
  public boolean ending() {
    return this == SHUTTING_DOWN || this == TERMINATED;
  }
}
