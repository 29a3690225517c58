package io.warmgate.e2e;

/**
 * A shipped template that attaches the gate to a group existing before the stack: the replay's stand-in (empty,
 * MaxSize 3, a warm pool of 2 put after the hook) fills its pool, then one instance starts from it.
 */
abstract class ExistingGroupScenario extends ShippedJarScenario {

  @Override
  int desiredBefore() {
    return 0;
  }

  @Override
  int desiredAfter() {
    return 1;
  }

  @Override
  int pooled(int desired) {
    // The stand-in's pool: MinSize 2, no MaxGroupPreparedCapacity (so MaxSize 3).
    return Math.max(2, 3 - desired);
  }
}
