package io.warmgate.cli.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Shows the stories' progress while a demo runs.
 *
 * <p>{@link Mode#TTY} redraws one line per story in place with ANSI cursor movement; {@link Mode#PLAIN}
 * prints a line only when a story's numbers change (for logs and pipes); {@link Mode#JSON} prints one
 * JSON object per changed story. Colour is used only on a TTY and only when enabled. Thread-safe: every
 * method synchronises on the renderer.
 */
public final class ProgressRenderer {

  /** How progress is shown. */
  public enum Mode {
    /** In place, with ANSI escapes. */
    TTY,
    /** One plain line per change. */
    PLAIN,
    /** One JSON object per line per change. */
    JSON
  }

  private static final String RESET = "\u001b[0m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final Mode mode;
  private final boolean colour;
  private final Map<String, StoryProgress> lastShown = new HashMap<>();
  private int linesDrawn;

  /**
   * @param out where to write
   * @param mode how to show progress
   * @param colour whether to colour the output (ignored unless {@code mode} is TTY)
   */
  public ProgressRenderer(PrintStream out, Mode mode, boolean colour) {
    this.out = Objects.requireNonNull(out, "out");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.colour = colour && mode == Mode.TTY;
  }

  /**
   * Picks the mode for this process: JSON if asked, TTY when a console is attached and {@code TERM} is
   * not {@code dumb}, plain lines otherwise.
   */
  public static Mode detect(boolean json) {
    if (json) {
      return Mode.JSON;
    }
    String term = System.getenv("TERM");
    boolean tty = System.console() != null && (term == null || !term.equals("dumb"));
    return tty ? Mode.TTY : Mode.PLAIN;
  }

  /** The mode in use. */
  public Mode mode() {
    return mode;
  }

  /** Shows the current state of every story. */
  public synchronized void update(List<StoryProgress> stories) {
    switch (mode) {
      case TTY -> redraw(stories);
      case PLAIN -> {
        for (StoryProgress s : stories) {
          if (changed(s)) {
            out.println(format(s));
          }
        }
      }
      case JSON -> {
        for (StoryProgress s : stories) {
          if (changed(s)) {
            out.println(json(s));
          }
        }
      }
    }
    out.flush();
  }

  /**
   * Prints a message above the live lines (TTY) or as its own line. In JSON mode the message becomes
   * {@code {"type":"message","message":...}}.
   */
  public synchronized void message(String text) {
    switch (mode) {
      case TTY -> {
        clearDrawn();
        out.println(text);
      }
      case PLAIN -> out.println(text);
      case JSON -> {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "message");
        node.put("message", text);
        out.println(node);
      }
    }
    out.flush();
  }

  /** Leaves the last drawn lines on screen and moves below them; later output starts on a fresh line. */
  public synchronized void finish() {
    linesDrawn = 0;
    out.flush();
  }

  private void redraw(List<StoryProgress> stories) {
    if (linesDrawn > 0) {
      out.print("\u001b[" + linesDrawn + "F");
    }
    for (StoryProgress s : stories) {
      out.print("\u001b[2K");
      out.println(colour ? coloured(s) : format(s));
      lastShown.put(s.story(), s);
    }
    linesDrawn = stories.size();
  }

  private void clearDrawn() {
    if (linesDrawn > 0) {
      out.print("\u001b[" + linesDrawn + "F\u001b[J");
      linesDrawn = 0;
    }
  }

  private boolean changed(StoryProgress s) {
    StoryProgress before = lastShown.get(s.story());
    lastShown.put(s.story(), s);
    return before == null || !before.withoutTime().equals(s.withoutTime());
  }

  /** One plain line, e.g. {@code [+12m05s] no-hook      scale-out   InService 3/6  warm 4  ...}. */
  static String format(StoryProgress s) {
    return String.format(
        Locale.ROOT,
        "[%s] %-9s %-12s InService %2d/%-2d warm %2d waiting %2d corrupted %2d abandoned %2d api %3d%s",
        clock(s.elapsed()),
        s.story(),
        s.phase(),
        s.inService(),
        s.target(),
        s.warmReady(),
        s.waiting(),
        s.corrupted(),
        s.abandoned(),
        s.apiCalls(),
        s.done() ? "  done" : "");
  }

  private static String coloured(StoryProgress s) {
    String corrupted = (s.corrupted() > 0 ? RED + BOLD : DIM) + String.format(Locale.ROOT, "%2d", s.corrupted()) + RESET;
    String inService = (s.target() > 0 && s.inService() >= s.target() ? GREEN : YELLOW)
        + String.format(Locale.ROOT, "%2d/%-2d", s.inService(), s.target()) + RESET;
    return String.format(
        Locale.ROOT,
        "%s[%s]%s %s%-9s%s %-12s InService %s warm %2d waiting %2d corrupted %s abandoned %2d api %3d%s",
        DIM,
        clock(s.elapsed()),
        RESET,
        BOLD,
        s.story(),
        RESET,
        s.phase(),
        inService,
        s.warmReady(),
        s.waiting(),
        corrupted,
        s.abandoned(),
        s.apiCalls(),
        s.done() ? GREEN + "  done" + RESET : "");
  }

  private static String json(StoryProgress s) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "progress");
    node.put("story", s.story());
    node.put("phase", s.phase());
    node.put("elapsedSeconds", s.elapsed().toSeconds());
    node.put("inService", s.inService());
    node.put("target", s.target());
    node.put("warmReady", s.warmReady());
    node.put("waiting", s.waiting());
    node.put("corrupted", s.corrupted());
    node.put("abandoned", s.abandoned());
    node.put("apiCalls", s.apiCalls());
    node.put("done", s.done());
    return node.toString();
  }

  private static String clock(Duration d) {
    return String.format(Locale.ROOT, "+%2dm%02ds", d.toMinutes(), d.toSecondsPart());
  }
}
