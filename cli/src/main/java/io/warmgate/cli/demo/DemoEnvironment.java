package io.warmgate.cli.demo;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.emulator.WarmPoolEmulator;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What a story's gate is given to work with: the running emulator (for its clock) and how to reach its
 * API.
 *
 * @param emulator the embedded emulator
 * @param settings the demo's settings
 */
public record DemoEnvironment(WarmPoolEmulator emulator, DemoSettings settings) {
  public DemoEnvironment {
    Objects.requireNonNull(emulator, "emulator");
    Objects.requireNonNull(settings, "settings");
  }

  /**
   * New AWS clients for the emulator's endpoint, with static dummy credentials and the emulator's region;
   * nothing is read from the environment. The caller closes them.
   */
  public AwsClients newClients() {
    return AwsClients.builder()
        .endpoint(emulator.endpoint())
        .region(Region.of(emulator.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")))
        .build();
  }

  /**
   * A story's hook NotificationMetadata: where the gate finds the health endpoint and, for the usual fix,
   * the preset that imitates it. One gate configuration serves all stories; the metadata tells them apart.
   */
  public String notificationMetadata(StoryKind kind) {
    String preset = kind == StoryKind.USUAL_FIX ? "\"preset\":\"usual-fix\"," : "";
    return "{\"warmgate\":{" + preset + "\"http\":{\"port\":" + settings.healthPort() + ",\"path\":\"/health\"}}}";
  }
}
