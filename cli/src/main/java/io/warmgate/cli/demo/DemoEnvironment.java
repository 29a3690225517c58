package io.warmgate.cli.demo;

import io.warmgate.cli.SdkClients;
import io.warmgate.emulator.WarmPoolEmulator;
import java.util.Objects;

/**
 * What a story's gate is given to work with: the running emulator (for its clock) and how to reach its
 * API.
 *
 * @param emulator the embedded emulator
 * @param clients SDK client settings pointing at the emulator's endpoint
 * @param settings the demo's settings
 */
public record DemoEnvironment(WarmPoolEmulator emulator, SdkClients clients, DemoSettings settings) {
  public DemoEnvironment {
    Objects.requireNonNull(emulator, "emulator");
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(settings, "settings");
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
