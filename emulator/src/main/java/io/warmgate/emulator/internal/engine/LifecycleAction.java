package io.warmgate.emulator.internal.engine;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/** Holds one active lifecycle action: an instance held by a hook until completed or expired. */
public final class LifecycleAction {
  public final String token;
  public final SimInstance instance;
  public final Hook hook;
  public final Hook.Transition transition;
  public final Place origin;
  public final Place destination;
  public final Instant started;
  public final Instant globalDeadline;
  Instant deadline;
  ScheduledFuture<?> timer;

  LifecycleAction(String token, SimInstance instance, Hook hook, Place origin, Place destination, Instant started) {
    this.token = token;
    this.instance = instance;
    this.hook = hook;
    this.transition = hook.transition;
    this.origin = origin;
    this.destination = destination;
    this.started = started;
    this.globalDeadline = started.plusSeconds(hook.globalTimeout());
    this.deadline = min(started.plus(hook.heartbeat()), globalDeadline);
  }

  /** Returns when the action expires unless a heartbeat moves it. */
  public Instant deadline() {
    return deadline;
  }

  static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
