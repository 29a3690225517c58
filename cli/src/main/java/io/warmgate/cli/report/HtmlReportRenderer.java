package io.warmgate.cli.report;

import static io.warmgate.core.model.Durations.humanRounded;

import io.warmgate.cli.report.InstanceTrack.DecisionMarker;
import io.warmgate.cli.report.InstanceTrack.StateSegment;
import io.warmgate.cli.report.StoryTimeline.Milestone;
import io.warmgate.cli.report.StoryTimeline.SummaryNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders a {@link TimelineReport} as one self-contained HTML page: inline CSS, inline SVG drawn on the
 * server side, and a few lines of inline script for hover highlighting. The page fetches nothing.
 *
 * <p>All stories share one time scale, so the same width means the same simulated time in every story.
 * Stateless and thread-safe.
 */
public final class HtmlReportRenderer {

  private static final int LABEL_WIDTH = 150;
  private static final int CHART_WIDTH = 860;
  private static final int ROW_HEIGHT = 14;
  private static final int ROW_GAP = 4;
  private static final int AXIS_HEIGHT = 44;

  /** Renders the report to an HTML string. */
  public String render(TimelineReport report) {
    Objects.requireNonNull(report, "report");
    Duration span = Duration.ofMinutes(1);
    for (StoryTimeline story : report.stories()) {
      Duration d = Duration.between(story.start(), story.end());
      if (d.compareTo(span) > 0) {
        span = d;
      }
    }
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(report.title())).append("</title>\n<style>\n").append(css()).append("</style>\n")
        .append("</head>\n<body>\n<header>\n<h1>").append(esc(report.title())).append("</h1>\n<p class=\"sub\">")
        .append(esc(report.subtitle())).append("</p>\n");
    overview(html, report);
    html.append("<p class=\"howto\">Each row is one instance; its colours are the Auto Scaling lifecycle states it went")
        .append(" through, over simulated time (the same scale in every story). Red hatching marks an instance stopped")
        .append(" during its first-boot setup: it will never answer healthy again. Hover a bar or marker for details.</p>\n");
    legend(html);
    html.append("</header>\n<main>\n");
    int index = 0;
    for (StoryTimeline story : report.stories()) {
      story(html, story, span, index++);
    }
    html.append("</main>\n<div id=\"js-errors\" hidden></div>\n<script>\n").append(script()).append("</script>\n")
        .append("</body>\n</html>\n");
    return html.toString();
  }

  /**
   * Renders the report and writes it to {@code file}, creating parent directories.
   *
   * @return the file written
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path write(TimelineReport report, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(report), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + file + ": " + e.getMessage(), e);
    }
  }

  /** One line per story up front, so the outcome reads before the details. */
  private static void overview(StringBuilder html, TimelineReport report) {
    html.append("<ul class=\"overview\">\n");
    int index = 0;
    for (StoryTimeline story : report.stories()) {
      html.append("<li class=\"").append(story.healthy() ? "good" : "bad").append("\"><a href=\"#story-").append(index++)
          .append("\">").append(esc(story.title())).append("</a>: ").append(esc(story.verdict())).append("</li>\n");
    }
    html.append("</ul>\n");
  }

  private static void legend(StringBuilder html) {
    html.append("<div class=\"legend\" id=\"legend\">\n");
    for (StateStyle style : StateStyle.legend()) {
      html.append("<span class=\"key\" title=\"").append(esc(style.meaning())).append("\"><i style=\"background:")
          .append(style.colour()).append("\"></i>").append(esc(style.label())).append("</span>\n");
    }
    html.append("<span class=\"key\" title=\"stopped during its first-boot setup: will never become healthy\">")
        .append("<i class=\"hatch\"></i>corrupted</span>\n");
    html.append("<span class=\"key\"><svg width=\"12\" height=\"12\">")
        .append(markerShape(InstanceTrack.Kind.CONTINUE, 6, 6)).append("</svg>CONTINUE</span>\n");
    html.append("<span class=\"key\"><svg width=\"12\" height=\"12\">")
        .append(markerShape(InstanceTrack.Kind.ABANDON, 6, 6)).append("</svg>ABANDON</span>\n");
    html.append("<span class=\"key\"><svg width=\"12\" height=\"12\">")
        .append(markerShape(InstanceTrack.Kind.HEARTBEAT, 6, 6)).append("</svg>heartbeat</span>\n");
    html.append("<span class=\"key\"><svg width=\"12\" height=\"12\">")
        .append(markerShape(InstanceTrack.Kind.EXPIRED, 6, 6)).append("</svg>hook timed out (default result)</span>\n");
    html.append("<span class=\"key\"><svg width=\"12\" height=\"12\">")
        .append(markerShape(InstanceTrack.Kind.CORRUPTED, 6, 6)).append("</svg>stopped mid-setup</span>\n");
    html.append("<span class=\"key\"><svg width=\"12\" height=\"12\">")
        .append(markerShape(InstanceTrack.Kind.UNHEALTHY, 6, 6)).append("</svg>failed health check, replaced</span>\n");
    html.append("</div>\n");
  }

  private static void story(StringBuilder html, StoryTimeline story, Duration span, int index) {
    html.append("<section class=\"story\" id=\"story-").append(index).append("\">\n<h2>").append(esc(story.title()))
        .append("</h2>\n<p class=\"desc\">").append(esc(story.description())).append("</p>\n<p class=\"verdict ")
        .append(story.healthy() ? "good" : "bad").append("\">").append(esc(story.verdict())).append("</p>\n");
    html.append("<dl class=\"summary\">\n");
    for (SummaryNumber n : story.summary()) {
      html.append("<div><dt>").append(esc(n.label())).append("</dt><dd>").append(esc(n.value())).append("</dd></div>\n");
    }
    html.append("</dl>\n");
    timeline(html, story, span, index);
    html.append("</section>\n");
  }

  private static void timeline(StringBuilder html, StoryTimeline story, Duration span, int index) {
    int rows = Math.max(1, story.instances().size());
    int height = AXIS_HEIGHT + rows * (ROW_HEIGHT + ROW_GAP) + 8;
    int width = LABEL_WIDTH + CHART_WIDTH + 20;
    double pxPerMs = (double) CHART_WIDTH / span.toMillis();
    html.append("<svg class=\"timeline\" role=\"img\" aria-label=\"timeline of ").append(esc(story.title()))
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    String hatchId = "hatch-" + index;
    html.append("<defs><pattern id=\"").append(hatchId)
        .append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
        .append("<rect width=\"3\" height=\"6\" fill=\"").append(StateStyle.CORRUPTED_COLOUR)
        .append("\" fill-opacity=\"0.85\"/></pattern></defs>\n");
    axis(html, story, span, pxPerMs, height);
    int row = 0;
    for (InstanceTrack track : story.instances()) {
      int y = AXIS_HEIGHT + row * (ROW_HEIGHT + ROW_GAP);
      html.append("<g class=\"row").append(track.corrupted() ? " corrupted" : "").append("\" data-instance=\"")
          .append(esc(track.instanceId())).append("\">\n");
      html.append("<text class=\"id\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + ROW_HEIGHT - 3)
          .append("\" text-anchor=\"end\">").append(esc(track.instanceId())).append("</text>\n");
      for (StateSegment seg : track.segments()) {
        double x0 = x(story.start(), seg.start(), pxPerMs);
        double x1 = x(story.start(), seg.end(), pxPerMs);
        StateStyle style = StateStyle.of(seg.state());
        html.append("<rect class=\"seg ").append(style.cssClass()).append("\" x=\"").append(fmt(x0)).append("\" y=\"")
            .append(y).append("\" width=\"").append(fmt(Math.max(1.0, x1 - x0))).append("\" height=\"")
            .append(ROW_HEIGHT).append("\" fill=\"").append(style.colour()).append("\"><title>")
            .append(esc(track.instanceId() + "  " + seg.state() + "  " + offset(story.start(), seg.start()) + " to "
                + offset(story.start(), seg.end()) + " (" + humanRounded(Duration.between(seg.start(), seg.end())) + ")"))
            .append("</title></rect>\n");
      }
      track.corruptedAt().ifPresent(at -> {
        Instant last = track.segments().isEmpty() ? story.end() : track.segments().get(track.segments().size() - 1).end();
        double x0 = x(story.start(), at, pxPerMs);
        double x1 = x(story.start(), last.isAfter(at) ? last : at, pxPerMs);
        html.append("<rect class=\"corrupt\" x=\"").append(fmt(x0)).append("\" y=\"").append(y).append("\" width=\"")
            .append(fmt(Math.max(2.0, x1 - x0))).append("\" height=\"").append(ROW_HEIGHT).append("\" fill=\"url(#")
            .append(hatchId).append(")\"><title>").append(esc(track.instanceId()
                + " corrupted: stopped during first-boot setup at " + offset(story.start(), at)))
            .append("</title></rect>\n");
      });
      for (DecisionMarker m : track.markers()) {
        double mx = x(story.start(), m.at(), pxPerMs);
        html.append("<g class=\"marker m-").append(m.kind().name().toLowerCase(Locale.ROOT)).append("\">")
            .append(markerShape(m.kind(), mx, y + ROW_HEIGHT / 2.0)).append("<title>")
            .append(esc(m.kind() + " at " + offset(story.start(), m.at()) + ": " + m.detail())).append("</title></g>\n");
      }
      html.append("</g>\n");
      row++;
    }
    if (story.instances().isEmpty()) {
      html.append("<text x=\"").append(LABEL_WIDTH).append("\" y=\"").append(AXIS_HEIGHT + ROW_HEIGHT)
          .append("\" class=\"empty\">no instances</text>\n");
    }
    html.append("</svg>\n");
  }

  private static void axis(StringBuilder html, StoryTimeline story, Duration span, double pxPerMs, int height) {
    long minutes = Math.max(1, span.toMinutes());
    long step = minutes <= 15 ? 1 : minutes <= 40 ? 5 : minutes <= 120 ? 10 : 30;
    html.append("<g class=\"axis\">\n");
    for (long m = 0; m * 60_000 <= span.toMillis(); m += step) {
      double x = LABEL_WIDTH + m * 60_000 * pxPerMs;
      html.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"")
          .append(AXIS_HEIGHT - 6).append("\" y2=\"").append(height - 4).append("\"/>")
          .append("<text x=\"").append(fmt(x)).append("\" y=\"").append(AXIS_HEIGHT - 10)
          .append("\" text-anchor=\"middle\">").append(m).append("m</text>\n");
    }
    html.append("</g>\n");
    int nth = 0;
    for (Milestone ms : story.milestones()) {
      double x = x(story.start(), ms.at(), pxPerMs);
      // Alternate label rows so that close milestones do not print over each other.
      int labelY = 11 + (nth++ % 2) * 12;
      html.append("<g class=\"milestone\"><line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x))
          .append("\" y1=\"2\" y2=\"").append(height - 2).append("\"/><text x=\"").append(fmt(x + 4))
          .append("\" y=\"").append(labelY).append("\">").append(esc(ms.label())).append("</text><title>")
          .append(esc(ms.label() + " at " + offset(story.start(), ms.at()))).append("</title></g>\n");
    }
  }

  private static String markerShape(InstanceTrack.Kind kind, double cx, double cy) {
    return switch (kind) {
      case CONTINUE -> "<circle cx=\"" + fmt(cx) + "\" cy=\"" + fmt(cy)
          + "\" r=\"4.5\" fill=\"#ffffff\" stroke=\"#14532d\" stroke-width=\"2\"/>";
      case ABANDON -> "<path d=\"M" + fmt(cx - 4) + " " + fmt(cy - 4) + " L" + fmt(cx + 4) + " " + fmt(cy + 4) + " M"
          + fmt(cx + 4) + " " + fmt(cy - 4) + " L" + fmt(cx - 4) + " " + fmt(cy + 4)
          + "\" stroke=\"#111111\" stroke-width=\"2.5\" fill=\"none\"/>";
      case HEARTBEAT -> "<rect x=\"" + fmt(cx - 1) + "\" y=\"" + fmt(cy - 5)
          + "\" width=\"2\" height=\"10\" fill=\"#5b21b6\"/>";
      case EXPIRED -> "<polygon points=\"" + fmt(cx) + "," + fmt(cy - 5) + " " + fmt(cx + 5) + "," + fmt(cy) + " "
          + fmt(cx) + "," + fmt(cy + 5) + " " + fmt(cx - 5) + "," + fmt(cy)
          + "\" fill=\"#fde047\" stroke=\"#111111\" stroke-width=\"1\"/>";
      case UNHEALTHY -> "<rect x=\"" + fmt(cx - 4) + "\" y=\"" + fmt(cy - 4)
          + "\" width=\"8\" height=\"8\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"1\"/>";
      case CORRUPTED -> "<polygon points=\"" + fmt(cx) + "," + fmt(cy - 6) + " " + fmt(cx + 5) + "," + fmt(cy + 4) + " "
          + fmt(cx - 5) + "," + fmt(cy + 4) + "\" fill=\"" + StateStyle.CORRUPTED_COLOUR
          + "\" stroke=\"#ffffff\" stroke-width=\"1\"/>";
    };
  }

  private static double x(Instant origin, Instant at, double pxPerMs) {
    long ms = Math.max(0, Duration.between(origin, at).toMillis());
    return LABEL_WIDTH + ms * pxPerMs;
  }

  /**
   * Simulated time since the story's start, e.g. {@code +12m5s}: rounded by the formatter of every measured duration
   * in the report and the summary ({@link io.warmgate.core.model.Durations#humanRounded}), so an offset and a span
   * beside it agree.
   */
  static String offset(Instant origin, Instant at) {
    Duration d = Duration.between(origin, at);
    return "+" + humanRounded(d.isNegative() ? Duration.ZERO : d);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Escapes text for HTML element content and double-quoted attributes. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String css() {
    StringBuilder css = new StringBuilder();
    css.append("""
        :root { color-scheme: light; }
        body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #1f2328; background: #fbfbfc; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 0 0 4px; }
        .sub { color: #57606a; margin: 0 0 12px; }
        .overview { margin: 0 0 12px; padding-left: 20px; }
        .howto { color: #57606a; margin: 0 0 10px; max-width: 980px; }
        .overview li { margin: 2px 0; }
        .overview li.good { color: #1a7f37; }
        .overview li.bad { color: #cf222e; }
        .overview a { color: inherit; font-weight: 600; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 8px 12px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; position: sticky; top: 0; z-index: 1; }
        .key { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
        .key i { display: inline-block; width: 18px; height: 12px; border-radius: 2px; }
        .key i.hatch { background: repeating-linear-gradient(45deg, #d32f2f 0 3px, #ffffff 3px 6px); }
        .story { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 14px 16px; margin: 16px 0; overflow-x: auto; }
        .desc { margin: 0 0 4px; color: #424a53; }
        .verdict { font-weight: 600; margin: 0 0 8px; }
        .verdict.good { color: #1a7f37; }
        .verdict.bad { color: #cf222e; }
        .summary { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 10px; }
        .summary div { border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 10px; min-width: 120px; }
        .summary dt { font-size: 12px; color: #57606a; }
        .summary dd { margin: 0; font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
        svg.timeline { display: block; font-size: 11px; width: 100%; min-width: 720px; height: auto; }
        svg.timeline .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; fill: #424a53; }
        svg.timeline .row.corrupted .id { fill: #cf222e; font-weight: 600; }
        svg.timeline .axis line { stroke: #eaeef2; }
        svg.timeline .axis text { fill: #57606a; }
        svg.timeline .milestone line { stroke: #0969da; stroke-width: 1.5; stroke-dasharray: 4 3; }
        svg.timeline .milestone text { fill: #0969da; font-weight: 600; }
        svg.timeline .row.dim { opacity: 0.35; }
        svg.timeline .empty { fill: #57606a; }
        """);
    return css.toString();
  }

  private static String script() {
    // Hovering a row dims the others; errors anywhere are written into the page so a headless check sees them.
    return """
        (function () {
          var errors = [];
          window.addEventListener('error', function (e) {
            errors.push(String(e.message));
            var box = document.getElementById('js-errors');
            box.hidden = false; box.textContent = 'script errors: ' + errors.join('; ');
            document.documentElement.setAttribute('data-report', 'error');
          });
          document.querySelectorAll('svg.timeline').forEach(function (svg) {
            var rows = svg.querySelectorAll('g.row');
            rows.forEach(function (row) {
              row.addEventListener('mouseenter', function () {
                rows.forEach(function (other) { if (other !== row) other.classList.add('dim'); });
              });
              row.addEventListener('mouseleave', function () {
                rows.forEach(function (other) { other.classList.remove('dim'); });
              });
            });
          });
          var drawn = document.querySelectorAll('svg.timeline rect.seg').length;
          if (document.documentElement.getAttribute('data-report') !== 'error') {
            document.documentElement.setAttribute('data-report', 'ok');
          }
          document.documentElement.setAttribute('data-segments', String(drawn));
        })();
        """;
  }
}
