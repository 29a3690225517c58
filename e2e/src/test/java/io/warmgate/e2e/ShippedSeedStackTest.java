package io.warmgate.e2e;

import io.warmgate.cdk.seed.SeedApp;

/** The seed stack as it ships: its group of 2 fills its pool of 2, then scales out to 4 from the pool. */
class ShippedSeedStackTest extends ShippedJarScenario {

  @Override
  ShippedStack replay() {
    Templates.seed();
    return ShippedStack.replay(SeedApp.NAME, SeedApp.STACK_ID, 31L);
  }

  @Override
  int desiredBefore() {
    return 2;
  }

  @Override
  int desiredAfter() {
    return 4;
  }

  @Override
  int pooled(int desired) {
    // The template's pool: MinSize 2, MaxGroupPreparedCapacity 4.
    return Math.max(2, 4 - desired);
  }
}
