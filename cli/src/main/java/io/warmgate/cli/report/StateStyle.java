package io.warmgate.cli.report;

import java.util.List;
import java.util.Locale;

/**
 * Maps lifecycle states to the colours and legend entries of the report.
 *
 * <p>Only the states that tell the story get their own colour; the short transitional states
 * ({@code Pending}, {@code *:Proceed}) share a pale grey so they do not distract.
 */
enum StateStyle {
  WARMED_PENDING_WAIT("Warmed:Pending:Wait", "#f2b233", "held by the hook while it joins the pool"),
  WARMED_STOPPED("Warmed:Stopped", "#4f7fd9", "stopped in the warm pool"),
  WARMED_RUNNING("Warmed:Running", "#93b4ee", "running in the warm pool"),
  PENDING_WAIT("Pending:Wait", "#f0702a", "held by the hook while it leaves the pool"),
  IN_SERVICE("InService", "#2f9e5a", "serving"),
  TERMINATING("Terminating", "#a0a4a8", "terminating"),
  TERMINATED("Terminated", "#3b3f44", "terminated"),
  TRANSITIONAL("Pending / Proceed", "#d5dbe0", "brief transitional states");

  private final String label;
  private final String colour;
  private final String meaning;

  StateStyle(String label, String colour, String meaning) {
    this.label = label;
    this.colour = colour;
    this.meaning = meaning;
  }

  /** The colour that marks a corrupted instance (hatched over its state colour). */
  static final String CORRUPTED_COLOUR = "#d32f2f";

  String label() {
    return label;
  }

  String colour() {
    return colour;
  }

  String meaning() {
    return meaning;
  }

  /** The CSS class of this style, e.g. {@code st-warmed-pending-wait}. */
  String cssClass() {
    return "st-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The style of one Auto Scaling lifecycle state. */
  static StateStyle of(String state) {
    return switch (state) {
      case "Warmed:Pending:Wait" -> WARMED_PENDING_WAIT;
      case "Warmed:Stopped", "Warmed:Hibernated" -> WARMED_STOPPED;
      case "Warmed:Running" -> WARMED_RUNNING;
      case "Pending:Wait" -> PENDING_WAIT;
      case "InService" -> IN_SERVICE;
      case "Terminated", "Warmed:Terminated" -> TERMINATED;
      default -> state.contains("Terminat") || state.startsWith("Detach") ? TERMINATING : TRANSITIONAL;
    };
  }

  static List<StateStyle> legend() {
    return List.of(values());
  }
}
