package io.warmgate.cdk.portable;

import io.warmgate.cdk.WarmGateApps;
import java.util.Map;
import software.amazon.awscdk.App;

/**
 * The {@code portable} app: one stack, {@link PortableStack}, whose template deploys the gate with plain
 * CloudFormation. Run it with {@code mvn -pl cdk exec:java@portable}; {@code mvn -B package} also copies the
 * template into {@code dist/} (see {@link ReleaseArtifacts}).
 */
public final class PortableApp {

  /** The app's name, also its output directory under {@code cdk.out}. */
  public static final String NAME = "portable";
  /** The stack's construct id (the template's file name is {@code <STACK_ID>.template.json}). */
  public static final String STACK_ID = "WarmGatePortable";

  /**
   * No {@code aws:cdk:path} metadata on the resources: a template that leaves the CDK carries nothing that
   * only the CDK reads. (The stack itself turns off the CDKMetadata resource.)
   */
  static final Map<String, Object> CONTEXT = Map.of("aws:cdk:enable-path-metadata", false);

  private PortableApp() {}

  /** Synthesizes the app. */
  public static void main(String[] args) {
    build().synth();
  }

  /** Builds the app, checked by cdk-nag as the other apps are. */
  public static App build() {
    App app = WarmGateApps.create(NAME, CONTEXT);
    new PortableStack(app, STACK_ID);
    return app;
  }
}
