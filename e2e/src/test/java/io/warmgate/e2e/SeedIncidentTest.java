package io.warmgate.e2e;

/** The seed stack through the incident, every lifecycle event delivered. */
class SeedIncidentTest extends SeedIncidentScenario {

  @Override
  double dropRate() {
    return 0.0;
  }

  @Override
  long seed() {
    return 11L;
  }
}
