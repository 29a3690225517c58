package io.warmgate.e2e;

/** The seed stack through the incident, every lifecycle event lost: the sweep alone gates every instance. */
class SeedIncidentSweepOnlyTest extends SeedIncidentScenario {

  @Override
  double dropRate() {
    return 1.0;
  }

  @Override
  long seed() {
    return 13L;
  }
}
