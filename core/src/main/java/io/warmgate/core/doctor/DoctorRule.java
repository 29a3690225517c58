package io.warmgate.core.doctor;

import java.util.List;

/** One check over a group's snapshot: a pure function, no I/O, no clock but the snapshot's. */
@FunctionalInterface
public interface DoctorRule {

  /** The findings this rule makes for the group; empty when the group passes it. */
  List<Finding> check(GroupSnapshot group);
}
