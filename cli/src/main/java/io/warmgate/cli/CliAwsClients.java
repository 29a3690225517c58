package io.warmgate.cli;

import io.warmgate.aws.config.AwsClients;
import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the AWS clients of the commands that talk to Auto Scaling and EC2 ({@code run}, {@code check})
 * from their {@code --endpoint-url} and {@code --region} flags over the process environment, the same
 * way for each: a region is required, and a malformed endpoint or {@code AWS_*} setting is a usage error
 * (exit 2) naming it.
 */
final class CliAwsClients {

  private CliAwsClients() {}

  /**
   * @param spec the command, for usage errors
   * @param endpoint the {@code --endpoint-url} flag, or null
   * @param region the {@code --region} flag, or null
   * @throws ParameterException if no region is given or a setting is malformed
   */
  static AwsClients build(CommandSpec spec, URI endpoint, String region) {
    Regions.require(region, spec);
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
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
