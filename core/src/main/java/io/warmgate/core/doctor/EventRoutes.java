package io.warmgate.core.doctor;

import java.util.List;
import java.util.Objects;

/** What doctor learned about the EventBridge rules of the account and region: a list, or why it could not look. */
public sealed interface EventRoutes {

  /** ListRules answered: these are the rules on the default event bus. */
  record Checked(List<EventRule> rules) implements EventRoutes {
    public Checked {
      rules = List.copyOf(rules);
    }
  }

  /** ListRules could not be read (denied, or EventBridge unreachable); {@code reason} says which. */
  record NotChecked(String reason) implements EventRoutes {
    public NotChecked {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
