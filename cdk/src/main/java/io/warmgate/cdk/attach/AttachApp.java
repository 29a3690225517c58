package io.warmgate.cdk.attach;

import io.warmgate.cdk.WarmGateApps;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The {@code attach} app: the gate on an existing Auto Scaling group, configured by context (see
 * {@link AttachSettings}). Run it with {@code cdk synth} from {@code cdk/apps/attach} or with
 * {@code mvn -pl cdk exec:java@attach -Dexec.args=...}.
 */
public final class AttachApp {

  /** The app's name, also its output directory under {@code cdk.out}. */
  public static final String NAME = "attach";
  /** The stack's construct id (its default name). */
  public static final String STACK_ID = "WarmGateAttach";

  private AttachApp() {}

  /**
   * Synthesizes the app. A missing or malformed context value ends it with one line naming the key
   * and how to pass it, and exit status 2, rather than a stack trace.
   */
  public static void main(String[] args) {
    App app;
    try {
      app = build(Map.of());
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("attach: " + e.getMessage());
      System.exit(2);
      return;
    }
    app.synth();
  }

  /** Builds the app with extra context on top of the CLI's (tests pass theirs here). */
  public static App build(Map<String, ?> context) {
    App app = WarmGateApps.create(NAME, context);
    new AttachStack(app, STACK_ID,
        StackProps.builder().description("warmgate: readiness gate on an existing Auto Scaling group").build(),
        AttachSettings.fromContext(app.getNode()));
    return app;
  }
}
