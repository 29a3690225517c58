package io.warmgate.emulator.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LifecycleStateTest {

  @Test
  void everyStateIsSpelledAsTheApiSpellsIt() {
    assertThat(LifecycleState.WARMED_PENDING_WAIT.wire()).isEqualTo("Warmed:Pending:Wait");
    assertThat(LifecycleState.IN_SERVICE).hasToString("InService");
  }

  @Test
  void theHookPathsOfTheFactsTableAreAllowed() {
    // Launch into the pool, warm start, cold start, scale-in with reuse.
    assertPath(LifecycleState.WARMED_PENDING, LifecycleState.WARMED_PENDING_WAIT,
        LifecycleState.WARMED_PENDING_PROCEED, LifecycleState.WARMED_STOPPED, LifecycleState.PENDING,
        LifecycleState.PENDING_WAIT, LifecycleState.PENDING_PROCEED, LifecycleState.IN_SERVICE,
        LifecycleState.TERMINATING, LifecycleState.TERMINATING_WAIT, LifecycleState.TERMINATING_PROCEED,
        LifecycleState.TERMINATED);
    assertPath(LifecycleState.IN_SERVICE, LifecycleState.WARMED_PENDING, LifecycleState.WARMED_PENDING_WAIT);
  }

  private static void assertPath(LifecycleState... path) {
    for (int k = 1; k < path.length; k++) {
      assertThat(path[k - 1].canMoveTo(path[k])).as("%s -> %s", path[k - 1], path[k]).isTrue();
    }
  }

  @Test
  void terminatedStatesAreFinalAndEveryOtherStateCanBeTerminatedBehindAutoScalingsBack() {
    for (LifecycleState s : LifecycleState.values()) {
      for (LifecycleState next : LifecycleState.values()) {
        if (s.terminal()) {
          assertThat(s.canMoveTo(next)).as("%s -> %s", s, next).isFalse();
        }
      }
      if (!s.terminal()) {
        assertThat(s.canMoveTo(LifecycleState.TERMINATED)).as("%s", s).isTrue();
      }
    }
  }

  @Test
  void anInServiceInstanceCannotGoBackToPendingNorAWarmedOneStraightIntoService() {
    assertThat(LifecycleState.IN_SERVICE.canMoveTo(LifecycleState.PENDING)).isFalse();
    assertThat(LifecycleState.WARMED_STOPPED.canMoveTo(LifecycleState.IN_SERVICE)).isFalse();
    assertThat(LifecycleState.PENDING_WAIT.canMoveTo(LifecycleState.IN_SERVICE)).isFalse();
  }

  @Test
  void eachHookedPhaseHasItsWaitAndProceedStates() {
    assertThat(LifecycleState.PENDING.waiting().proceeding()).isEqualTo(LifecycleState.PENDING_PROCEED);
    assertThat(LifecycleState.WARMED_TERMINATING.waiting().proceeding())
        .isEqualTo(LifecycleState.WARMED_TERMINATING_PROCEED);
    assertThatThrownBy(LifecycleState.IN_SERVICE::waiting).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(LifecycleState.PENDING::proceeding).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void ec2StatesCarryTheirCodesAndOnlyEc2sTransitions() {
    assertThat(Ec2State.STOPPED.code()).isEqualTo(80);
    assertThat(Ec2State.SHUTTING_DOWN.wire()).isEqualTo("shutting-down");
    assertThat(Ec2State.STOPPED.canMoveTo(Ec2State.PENDING)).isTrue();
    assertThat(Ec2State.STOPPED.canMoveTo(Ec2State.RUNNING)).isFalse();
    assertThat(Ec2State.TERMINATED.canMoveTo(Ec2State.PENDING)).isFalse();
    assertThat(Ec2State.PENDING.stoppable()).isFalse();
    assertThat(Ec2State.STOPPING.startable()).isFalse();
  }
}
