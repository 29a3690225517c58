package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.BootProfile;
import java.util.Random;

/** Makes bare simulated instances, outside any group, for tests of the parts that serve them. */
public final class TestInstances {
  private TestInstances() {
  }

  /** Returns an instant-profile instance with this id, address and health port. */
  public static SimInstance instance(String id, String ip, int port) {
    return new SimInstance(id, "r-0123456789abcdef0", ip, port, "us-east-1a", BootProfile.instant(), null, "g", 1,
        new Random(1));
  }
}
