package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.EmulatorClock;
import io.warmgate.emulator.TimelineEntry;
import java.time.Duration;

/**
 * Runs the EC2 side of each simulated instance: boot (pending, running, OS up, first-boot setup,
 * healthy), stop, start and termination, on the simulated clock. Tells the engine after every
 * EC2 state change so that Auto Scaling can react. Called with the engine lock held; its timers
 * take the lock themselves.
 */
final class InstanceMachine {
  private final Engine engine;
  private final EmulatorClock clock;
  private final HealthEndpoints health;

  InstanceMachine(Engine engine, EmulatorClock clock, HealthEndpoints health) {
    this.engine = engine;
    this.clock = clock;
    this.health = health;
  }

  private void move(SimInstance i, Ec2State to) {
    Ec2State from = i.ec2State;
    if (from != null && !from.canMoveTo(to)) {
      throw new IllegalStateException(i.id + ": EC2 state " + from + " -> " + to + " is not a transition EC2 makes");
    }
    i.ec2State = to;
    engine.record(i, TimelineEntry.Kind.EC2, from == null ? null : from.wire(), to.wire());
  }

  /** Starts a boot (a launch or a start): pending, then running; LaunchTime becomes now. */
  void boot(SimInstance i) {
    int gen = ++i.bootGen;
    i.launchTime = clock.now();
    i.ready = false;
    i.osUp = false;
    move(i, Ec2State.PENDING);
    engine.console().transition(i);
    Duration pending = i.profile.pending().sample(i.random);
    after(pending, i, gen, Ec2State.PENDING, () -> becomeRunning(i, gen));
  }

  private void becomeRunning(SimInstance i, int gen) {
    move(i, Ec2State.RUNNING);
    BootProfile p = i.profile;
    Duration toOs = p.osBoot().sample(i.random);
    Duration toReady = toOs;
    boolean setupRuns = !i.corrupted && !i.setupDone && p.hasFirstBootSetup();
    ConsoleWriter console = engine.console();
    if (setupRuns) {
      // The application may answer before EC2Launch has saved its state: a stop in that window
      // still corrupts the instance, which is why a gate needs a settle delay after "healthy".
      Duration setup = p.firstBootSetup().sample(i.random);
      Duration setupEnd = toOs.plus(setup);
      toReady = setupEnd;
      after(toOs.plus(setup.dividedBy(2)), i, gen, Ec2State.RUNNING, () -> console.setupProgress(i));
      after(setupEnd, i, gen, Ec2State.RUNNING, () -> console.setupEnd(i));
      // EC2Launch writes the ready line once its PreReady stage is over, a moment after sysprep.
      after(setupEnd.plus(ConsoleWriter.PRE_READY), i, gen, Ec2State.RUNNING, () -> console.ready(i, setupEnd));
      after(setupEnd.plus(p.saveState()), i, gen, Ec2State.RUNNING, () -> {
        if (!i.corrupted) {
          i.setupDone = true;
          engine.record(i, TimelineEntry.Milestone.SETUP_SAVED);
        }
      });
    } else if (p.windowsPlatform() && !i.corrupted) {
      // EC2Launch v2 runs at every start and writes the ready line again.
      Duration readyAt = toOs.plus(ConsoleWriter.PRE_READY);
      after(readyAt, i, gen, Ec2State.RUNNING, () -> console.ready(i, readyAt));
    }
    toReady = toReady.plus(p.appStart().sample(i.random));
    after(toOs, i, gen, Ec2State.RUNNING, () -> {
      console.osUp(i, setupRuns);
      i.osUp = true;
      health.open(i);
      engine.record(i, TimelineEntry.Milestone.OS_UP);
      engine.osUp(i);
    });
    if (!i.corrupted) {
      after(toReady, i, gen, Ec2State.RUNNING, () -> {
        if (!i.corrupted) {
          i.ready = true;
          engine.record(i, TimelineEntry.Milestone.HEALTHY);
          if (!p.windowsPlatform()) {
            console.ready(i, readyAt(i));
          }
        }
      });
    }
    engine.ec2Changed(i);
  }

  /** Stops a running instance; a plain stop before its first-boot setup is saved corrupts it. */
  void stop(SimInstance i, boolean hibernate) {
    if (i.ec2State != Ec2State.RUNNING) {
      return;
    }
    int gen = ++i.bootGen;
    if (!hibernate && !i.corrupted && i.profile.hasFirstBootSetup() && !i.setupDone) {
      i.corrupted = true;
      engine.record(i, TimelineEntry.Milestone.CORRUPTED);
    }
    down(i);
    engine.console().transition(i);
    i.stateReason = hibernate ? "User initiated (hibernate)" : "User initiated";
    move(i, Ec2State.STOPPING);
    after(i.profile.stopping(), i, gen, Ec2State.STOPPING, () -> {
      move(i, Ec2State.STOPPED);
      engine.ec2Changed(i);
    });
  }

  /** Starts a stopped instance; LaunchTime becomes now. Does nothing in any other state. */
  void start(SimInstance i) {
    if (i.ec2State == Ec2State.STOPPED) {
      boot(i);
    }
  }

  /** Terminates an instance (EC2 side); Auto Scaling notices when it reaches terminated. */
  void terminate(SimInstance i) {
    if (i.ec2State.ending()) {
      return;
    }
    int gen = ++i.bootGen;
    down(i);
    engine.console().transition(i);
    move(i, Ec2State.SHUTTING_DOWN);
    after(i.profile.shuttingDown(), i, gen, Ec2State.SHUTTING_DOWN, () -> {
      move(i, Ec2State.TERMINATED);
      i.terminatedAt = clock.now();
      engine.ec2Terminated(i);
    });
  }

  private void down(SimInstance i) {
    i.ready = false;
    i.osUp = false;
    health.close(i);
  }

  private Duration readyAt(SimInstance i) {
    return Duration.between(i.launchTime, clock.now());
  }

  /** Runs a step of this boot (or stop) later, unless the instance has moved on meanwhile. */
  private void after(Duration delay, SimInstance i, int gen, Ec2State expected, Runnable step) {
    clock.scheduleNonBlocking(delay, () -> engine.locked(() -> {
      if (i.bootGen == gen && i.ec2State == expected) {
        step.run();
      }
    }));
  }
}
