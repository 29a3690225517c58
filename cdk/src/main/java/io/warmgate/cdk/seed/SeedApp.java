package io.warmgate.cdk.seed;

import io.warmgate.cdk.WarmGateApps;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The {@code seed-stack} app: the incident's system with the gate attached (see {@link SeedStack}).
 * Run it with {@code cdk synth} from {@code cdk/apps/seed-stack} or {@code mvn -pl cdk exec:java@seed-stack}.
 */
public final class SeedApp {

  /** The app's name, also its output directory under {@code cdk.out}. */
  public static final String NAME = "seed-stack";
  /** The console-readiness variant's name, also its output directory under {@code cdk.out}. */
  public static final String CONSOLE_NAME = "seed-stack-console";
  /** The stack's construct id (its default name). */
  public static final String STACK_ID = "WarmGateSeed";

  private SeedApp() {}

  /** Synthesizes the app. */
  public static void main(String[] args) {
    build(Map.of()).synth();
  }

  /**
   * Builds the console-readiness variant ({@code -c readiness=console}) into its own output directory:
   * the gate reads EC2Launch's ready line and runs outside the VPC.
   */
  public static App buildConsole(Map<String, ?> context) {
    Map<String, Object> merged = new java.util.LinkedHashMap<>(context);
    merged.put(SeedStack.READINESS_CONTEXT, "console");
    App app = WarmGateApps.create(CONSOLE_NAME, merged);
    new SeedStack(app, STACK_ID, StackProps.builder()
        .description("warmgate seed: Windows IIS web servers behind an ALB, warm pool Stopped, gated on EC2Launch's console")
        .build());
    return app;
  }

  /** Builds the app with extra context on top of the CLI's. */
  public static App build(Map<String, ?> context) {
    App app = WarmGateApps.create(NAME, context);
    new SeedStack(app, STACK_ID, StackProps.builder()
        .description("warmgate seed: Windows IIS web servers behind an ALB, warm pool Stopped, gated by warmgate")
        .build());
    return app;
  }
}
