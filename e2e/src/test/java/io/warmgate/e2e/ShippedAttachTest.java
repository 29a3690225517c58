package io.warmgate.e2e;

import io.warmgate.cdk.attach.AttachApp;

/**
 * The attach stack as it ships, on the existing group it names (made by the replay: empty, MaxSize 3, a warm
 * pool of 2 put after the hook): the pool fills, then one instance starts from it.
 */
class ShippedAttachTest extends ShippedJarScenario {

  @Override
  ShippedStack replay() {
    Templates.attach();
    return ShippedStack.replay(AttachApp.NAME, AttachApp.STACK_ID, 37L);
  }

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
