package io.warmgate.cli;

import io.warmgate.aws.config.AwsClients;
import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS options every command that calls AWS repeats ({@code run}, {@code check}, {@code doctor}), as one picocli
 * mixin: {@code --endpoint-url} (read by {@link HttpUrlConverter}) and {@code --region}, and the clients built from
 * them over the process environment, the same way for each. A region is required; a malformed endpoint or
 * {@code AWS_*} setting is a usage error (exit 2) naming it.
 */
public final class AwsOptions {

  @Option(names = "--endpoint-url", paramLabel = "URL", converter = HttpUrlConverter.class,
      description = "Endpoint of every AWS service the command calls (the emulator, a proxy); default: AWS (or AWS_ENDPOINT_URL).")
  URI endpoint;

  @Option(names = "--region", paramLabel = "REGION",
      description = "AWS region; default: AWS_REGION or AWS_DEFAULT_REGION (required one way or the other).")
  String region;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  /**
   * Builds the clients from the flags over the environment.
   *
   * @throws ParameterException if no region is given or a setting is malformed
   */
  AwsClients clients() {
    Regions.require(region, mixee);
    try {
      var builder = AwsClients.builder().environment(System.getenv());
      if (endpoint != null) {
        builder.endpoint(endpoint);
      }
      if (region != null && !region.isBlank()) {
        builder.region(Region.of(region.trim()));
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }
}
