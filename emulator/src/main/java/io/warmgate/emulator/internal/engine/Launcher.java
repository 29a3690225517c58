package io.warmgate.emulator.internal.engine;

import io.warmgate.emulator.BootProfile;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Makes new simulated instances for a group: id, loopback address, boot profile, health port,
 * zone and tags, within the emulator's limit on instances that are not terminated. Called with
 * the engine lock held.
 */
final class Launcher {
  private final Engine engine;
  private final Ids ids;
  private final long seed;
  private final Map<String, BootProfile> profiles;
  private final String defaultProfile;
  private final int defaultHealthPort;
  private final int ipSecondOctet;
  private final int maxInstances;
  private long sequence;
  private int live;

  Launcher(Engine engine, Ids ids, long seed, Map<String, BootProfile> profiles, String defaultProfile,
      int defaultHealthPort, int ipSecondOctet, int maxInstances) {
    this.engine = engine;
    this.ids = ids;
    this.seed = seed;
    this.profiles = Map.copyOf(profiles);
    this.defaultProfile = defaultProfile;
    this.defaultHealthPort = defaultHealthPort;
    this.ipSecondOctet = ipSecondOctet;
    this.maxInstances = maxInstances;
  }

  /** Fails unless the profile named by a template tag is known and its health port tag is a port. */
  void checkSettings(Map<String, String> tags, Map<String, String> instanceTags) {
    String profile = tags.getOrDefault(BootProfile.TAG, instanceTags.get(BootProfile.TAG));
    if (profile != null && !profiles.containsKey(profile)) {
      throw new ApiException(400, "InvalidParameterValue", "Unknown " + BootProfile.TAG + " '" + Check.echo(profile)
          + "'; known profiles: " + new TreeMap<>(profiles).keySet());
    }
    String port = tags.getOrDefault(BootProfile.HEALTH_PORT_TAG, instanceTags.get(BootProfile.HEALTH_PORT_TAG));
    if (port != null) {
      port(port);
    }
  }

  private static int port(String port) {
    try {
      int p = Integer.parseInt(port.trim());
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new ApiException(400, "InvalidParameterValue",
        BootProfile.HEALTH_PORT_TAG + " must be a port number 1-65535, got '" + Check.echo(port) + "'");
  }

  /**
   * Returns a new instance registered with the engine and the group, not yet booted, or null when
   * the emulator already runs its limit of instances (the group's scaling activity then fails, as
   * AWS's does at an account's instance limit).
   */
  SimInstance launch(Group g, boolean warm) {
    if (live >= maxInstances) {
      engine.failedActivity(g, "Launching a new EC2 instance" + (warm ? " into warm pool" : "") + ".  Status Reason: "
          + "You have requested more instances than the emulator's limit of " + maxInstances
          + " running instances allows. Launching EC2 instance failed.");
      return null;
    }
    LaunchTemplate lt = g.launchTemplate;
    LaunchTemplate.Version version = null;
    if (lt != null) {
      // Resolved at each launch, as AWS does: $Latest and $Default follow the template's later versions.
      version = engine.templates.get(lt.id) == lt ? lt.resolve(g.launchTemplateVersion) : null;
      if (version == null) {
        engine.failedActivity(g, "Launching a new EC2 instance" + (warm ? " into warm pool" : "") + ".  Status Reason: "
            + (engine.templates.get(lt.id) != lt ? "The specified launch template, with template ID " + lt.id
                + ", does not exist." : "The specified launch template version " + Check.echo(g.launchTemplateVersion)
                + " does not exist.") + " Launching EC2 instance failed.");
        return null;
      }
    }
    String profileName = version != null && lt.setting(version, BootProfile.TAG) != null
        ? lt.setting(version, BootProfile.TAG) : defaultProfile;
    BootProfile profile = profiles.getOrDefault(profileName, profiles.get(defaultProfile));
    String portTag = version != null ? lt.setting(version, BootProfile.HEALTH_PORT_TAG) : null;
    int port = portTag != null ? port(portTag) : defaultHealthPort;
    long seq = ++sequence;
    TemplateData data = version != null ? version.data() : null;
    if (data != null && g.mixedPolicy != null) {
      // Without InstanceRequirements AWS's default on-demand strategy is "prioritized": the first override's type.
      for (GroupSettings.Override o : g.mixedPolicy.overrides()) {
        if (o.instanceType() != null) {
          data = data.with(new TemplateData(null, o.instanceType(), null, null, Map.of()));
          break;
        }
      }
    }
    SimInstance i = new SimInstance(ids.instanceId(), ids.reservationId(), ip(seq), port,
        g.zone(engine.region, g.nextAz++), profile, data, g.name, seq, new Random(seed * 31 + seq));
    i.group = g;
    i.warm = warm;
    i.protectedFromScaleIn = g.newInstancesProtectedFromScaleIn;
    if (version != null) {
      i.tags.putAll(version.data().instanceTags());
    }
    for (Group.Tag t : g.tags.values()) {
      if (t.propagateAtLaunch()) {
        i.tags.put(t.key(), t.value());
      }
    }
    i.tags.put("aws:autoscaling:groupName", g.name);
    if (version != null) {
      i.tags.put("aws:ec2launchtemplate:id", lt.id);
      i.tags.put("aws:ec2launchtemplate:version", String.valueOf(version.number()));
    }
    live++;
    engine.register(i);
    g.instances.add(i);
    return i;
  }

  /** Takes note that an instance reached terminated, freeing its place under the limit. */
  void terminated() {
    live--;
  }

  /** Returns the loopback address of the n-th instance: 127.B.x.y, skipping .0 and .255. */
  private String ip(long n) {
    long host = n - 1;
    long third = host / 254;
    long fourth = host % 254 + 1;
    return "127." + ipSecondOctet + "." + (third % 256) + "." + fourth;
  }
}
