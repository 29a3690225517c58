package io.warmgate.e2e;

import io.warmgate.cdk.attach.AttachApp;

/**
 * The attach stack as it ships, on the existing group it names (made by the replay: empty, MaxSize 3, a warm
 * pool of 2 put after the hook): the pool fills, then one instance starts from it.
 */
class ShippedAttachTest extends ExistingGroupScenario {

  @Override
  ShippedStack replay() {
    Templates.attach();
    return ShippedStack.replay(AttachApp.NAME, AttachApp.STACK_ID, 37L);
  }
}
