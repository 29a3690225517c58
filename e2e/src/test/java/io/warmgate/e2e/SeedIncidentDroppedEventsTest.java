package io.warmgate.e2e;

/** The seed stack through the incident, 30% of the lifecycle events lost: the sweep picks up what they missed. */
class SeedIncidentDroppedEventsTest extends SeedIncidentScenario {

  @Override
  double dropRate() {
    return 0.3;
  }

  @Override
  long seed() {
    return 12L;
  }
}
