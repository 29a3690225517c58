package io.warmgate.core.testing;

import io.warmgate.core.model.Location;
import io.warmgate.core.port.GatePortException;
import io.warmgate.core.port.LaunchOrigins;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Launch origins held in memory, as a group's scaling activities would say them; knows none until told. Thread-safe. */
public final class FakeLaunchOrigins implements LaunchOrigins {

  private final Map<String, Location> origins = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile GatePortException failure;

  /** Records that the instance's latest launch into its group came from {@code origin}. */
  public FakeLaunchOrigins launched(String instanceId, Location origin) {
    origins.put(Objects.requireNonNull(instanceId, "instanceId"), Objects.requireNonNull(origin, "origin"));
    return this;
  }

  /** Every later lookup fails with {@code e}; null to stop failing. */
  public void failWith(GatePortException e) {
    this.failure = e;
  }

  /** How many lookups were made. */
  public int calls() {
    return calls.get();
  }

  @Override
  public Optional<Location> launchedFrom(String groupName, String instanceId) {
    calls.incrementAndGet();
    GatePortException e = failure;
    if (e != null) {
      throw e;
    }
    return Optional.ofNullable(origins.get(instanceId));
  }
}
