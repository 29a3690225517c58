package io.warmgate.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;

/**
 * Creates the {@code App} that each warmgate CDK app synthesizes into, with cdk-nag's AwsSolutions
 * checks applied, so the CLI, Maven and the tests all synthesize the same way.
 *
 * <p>Output directory: the CDK CLI's {@code CDK_OUTDIR} when it runs the app; otherwise
 * {@code <warmgate.cdk.out>/<app>} (system property, default {@code cdk.out}).
 */
public final class WarmGateApps {

  /** System property naming the parent directory of each app's cloud assembly. */
  public static final String OUT_PROPERTY = "warmgate.cdk.out";

  private WarmGateApps() {}

  /** Returns a new app named {@code appName} with the given context, checked by cdk-nag. */
  public static App create(String appName, Map<String, ?> context) {
    App.Builder builder = App.Builder.create();
    if (System.getenv("CDK_OUTDIR") == null) {
      builder.outdir(outdir(appName).toString());
    }
    if (!context.isEmpty()) {
      builder.context(Map.copyOf(context));
    }
    App app = builder.build();
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    return app;
  }

  /**
   * Checks an SNS topic ARN given as context ({@code alarmTopicArn}).
   *
   * @throws IllegalArgumentException if it does not look like {@code arn:aws:sns:REGION:ACCOUNT:NAME}
   */
  public static String topicArn(String arn) {
    if (!arn.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
      throw new IllegalArgumentException("context 'alarmTopicArn' must be an SNS topic ARN such as "
          + "arn:aws:sns:us-east-1:123456789012:alerts, got '" + arn + "'");
    }
    return arn;
  }

  /** Returns where {@code appName} is synthesized when the CDK CLI is not driving. */
  public static Path outdir(String appName) {
    return Path.of(System.getProperty(OUT_PROPERTY, "cdk.out"), appName).toAbsolutePath().normalize();
  }
}
