package io.warmgate.emulator.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The EC2 commands: launch templates, instance state changes and tags. Each checks its input as
 * EC2 does and fails before any change. Run every command holding the engine lock.
 */
public final class Ec2 {
  /** The most tags one EC2 resource may carry, as on AWS. */
  static final int MAX_TAGS = 50;
  /** The most launch templates, as AWS's default quota per region. */
  static final int MAX_TEMPLATES = 5_000;
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");
  /** The most bytes of user data, before base64. */
  static final int MAX_USER_DATA = 16_384;
  private static final Pattern TEMPLATE_ID = Pattern.compile("lt-[0-9a-f]{17}");
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]{3,128}");
  private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z0-9-]{1,32}\\.[a-z0-9-]{1,32}");

  private final Engine engine;
  private final Ids ids;
  private final Launcher launcher;
  private final InstanceMachine machine;

  Ec2(Engine engine, Ids ids, Launcher launcher, InstanceMachine machine) {
    this.engine = engine;
    this.ids = ids;
    this.launcher = launcher;
    this.machine = machine;
  }


  /** Creates a launch template with only an image, a type and tags (tests and the engine's own callers). */
  public LaunchTemplate createLaunchTemplate(String name, String imageId, String instanceType,
      Map<String, String> tags, Map<String, String> instanceTags) {
    return createLaunchTemplate(name, new TemplateData(imageId, instanceType, null, null, instanceTags), null, tags);
  }

  /** Creates a launch template (CreateLaunchTemplate) whose version 1 is {@code data}; the name must be free. */
  public LaunchTemplate createLaunchTemplate(String name, TemplateData data, String description,
      Map<String, String> tags) {
    if (!TEMPLATE_NAME.matcher(name).matches()) {
      throw new ApiException(400, "InvalidLaunchTemplateName.MalformedException",
          "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the "
              + "following characters: - ( ) . / _.'");
    }
    checkData(data, description);
    tags.forEach(Check::ec2Tag);
    if (tags.size() > MAX_TAGS) {
      throw new ApiException(400, "TagLimitExceeded", "The maximum number of tags (" + MAX_TAGS
          + ") for a resource has been reached.");
    }
    if (engine.templates.size() >= MAX_TEMPLATES) {
      throw new ApiException(400, "LaunchTemplateLimitExceeded", "You've reached the maximum number of launch "
          + "templates (" + MAX_TEMPLATES + ") for this Region.");
    }
    if (engine.templateByName(name) != null) {
      throw new ApiException(400, "InvalidLaunchTemplateName.AlreadyExistsException",
          "Launch template name already in use.");
    }
    launcher.checkSettings(tags, data.instanceTags());
    LaunchTemplate lt = new LaunchTemplate(ids.launchTemplateId(), name, engine.clock.now(), data, description, tags);
    engine.templates.put(lt.id, lt);
    return lt;
  }

  /**
   * Adds a version to a launch template (CreateLaunchTemplateVersion): {@code data} alone, or, with a source
   * version, the source's data with what {@code data} gives replaced. The new version is the latest, not the
   * default.
   */
  public LaunchTemplate.Version createLaunchTemplateVersion(String id, String name, String sourceVersion,
      TemplateData data, String description) {
    LaunchTemplate lt = launchTemplate(id, name);
    checkData(data, description);
    TemplateData full = data;
    if (sourceVersion != null) {
      LaunchTemplate.Version source = lt.resolve(sourceVersion);
      if (source == null) {
        throw versionNotFound(lt, sourceVersion);
      }
      full = source.data().with(data);
    }
    launcher.checkSettings(lt.tags, full.instanceTags());
    if (lt.versions.size() >= LaunchTemplate.MAX_VERSIONS) {
      throw new ApiException(400, "VersionLimitExceeded", "You've reached the maximum number of versions ("
          + LaunchTemplate.MAX_VERSIONS + ") for launch template " + lt.id + ".");
    }
    return lt.add(engine.clock.now(), description, full);
  }

  /** Sets a launch template's default version (ModifyLaunchTemplate {@code SetDefaultVersion}). */
  public LaunchTemplate modifyLaunchTemplate(String id, String name, String defaultVersion) {
    LaunchTemplate lt = launchTemplate(id, name);
    if (defaultVersion != null) {
      LaunchTemplate.Version v = lt.resolve(defaultVersion);
      if (v == null) {
        throw versionNotFound(lt, defaultVersion);
      }
      lt.defaultVersion = v.number();
    }
    return lt;
  }

  /**
   * Deletes a launch template and all its versions (DeleteLaunchTemplate). As on AWS, groups that name it are not
   * checked: their later launches fail.
   */
  public LaunchTemplate deleteLaunchTemplate(String id, String name) {
    LaunchTemplate lt = launchTemplate(id, name);
    engine.templates.remove(lt.id);
    return lt;
  }

  /**
   * The launch template a request names by id or by name (exactly one of them), or EC2's error. The codes are EC2's
   * documented ones; the messages for a missing or doubled reference are the emulator's (AWS documents none).
   */
  public LaunchTemplate launchTemplate(String id, String name) {
    if (id != null && name != null) {
      throw new ApiException(400, "InvalidParameterCombination",
          "Specify either the launch template ID or the launch template name, but not both.");
    }
    if (id == null && name == null) {
      throw new ApiException(400, "MissingParameter",
          "The request must contain the parameter LaunchTemplateName or LaunchTemplateId");
    }
    if (id != null) {
      if (!TEMPLATE_ID.matcher(id).matches()) {
        throw new ApiException(400, "InvalidLaunchTemplateId.Malformed",
            "The specified ID (" + Check.echo(id) + ") is not a valid launch template ID.");
      }
      LaunchTemplate lt = engine.templates.get(id);
      if (lt == null) {
        throw new ApiException(400, "InvalidLaunchTemplateId.NotFound",
            "The specified launch template, with template ID " + id + ", does not exist.");
      }
      return lt;
    }
    LaunchTemplate lt = engine.templateByName(name);
    if (lt == null) {
      throw new ApiException(400, "InvalidLaunchTemplateName.NotFoundException",
          "The specified launch template, with template name " + Check.echo(name) + ", does not exist.");
    }
    return lt;
  }

  /** EC2's error for a version a launch template does not have. */
  static ApiException versionNotFound(LaunchTemplate lt, String version) {
    return new ApiException(400, "InvalidLaunchTemplateId.VersionNotFound",
        "Could not find launch template version " + Check.echo(version) + " for launch template " + lt.id + ".");
  }

  private static void checkData(TemplateData data, String description) {
    if (data.imageId() != null && (data.imageId().length() > 255 || !Check.xmlChars(data.imageId()))) {
      throw ApiException.ec2Invalid("Invalid id: \"" + Check.echo(data.imageId()) + "\"");
    }
    if (data.instanceType() != null && !INSTANCE_TYPE.matcher(data.instanceType()).matches()) {
      throw ApiException.ec2Invalid("Value (" + Check.echo(data.instanceType())
          + ") for parameter instanceType is invalid.");
    }
    if (data.userData() != null) {
      byte[] raw;
      try {
        raw = java.util.Base64.getMimeDecoder().decode(data.userData());
      } catch (IllegalArgumentException e) {
        throw ApiException.ec2Invalid("Invalid BASE64 encoding of user data.");
      }
      // User data is limited to 16 KB, before base64 (EC2 User Guide, "Run commands at launch").
      if (raw.length > MAX_USER_DATA) {
        throw ApiException.ec2Invalid("User data is limited to " + MAX_USER_DATA + " bytes");
      }
    }
    // VersionDescription: at most 255 characters (CreateLaunchTemplate/CreateLaunchTemplateVersion reference).
    if (description != null && (description.length() > 255 || !Check.xmlChars(description))) {
      throw ApiException.ec2Invalid("Value (" + Check.echo(description)
          + ") for parameter versionDescription is invalid. Length must be at most 255.");
    }
    data.instanceTags().forEach(Check::ec2Tag);
    if (data.instanceTags().size() > MAX_TAGS) {
      throw new ApiException(400, "TagLimitExceeded", "The maximum number of tags (" + MAX_TAGS
          + ") for a resource has been reached.");
    }
  }

  /** Starts stopped instances (StartInstances); fails before any change if one cannot be started. */
  public void startInstances(List<SimInstance> targets) {
    for (SimInstance i : targets) {
      if (!i.ec2State.startable()) {
        throw incorrectState(i, "started");
      }
    }
    targets.forEach(machine::start);
  }

  /** Stops running instances (StopInstances); fails before any change if one cannot be stopped. */
  public void stopInstances(List<SimInstance> targets, boolean hibernate) {
    for (SimInstance i : targets) {
      if (!i.ec2State.stoppable()) {
        throw incorrectState(i, "stopped");
      }
    }
    targets.forEach(i -> machine.stop(i, hibernate));
  }

  /** Terminates instances (TerminateInstances); Auto Scaling notices and replaces group members. */
  public void terminateInstances(List<SimInstance> targets) {
    targets.forEach(machine::terminate);
  }

  private static ApiException incorrectState(SimInstance i, String verb) {
    return new ApiException(400, "IncorrectInstanceState", "The instance '" + i.id
        + "' is not in a state from which it can be " + verb + ".");
  }

  /**
   * Returns the instances EC2 still lists with these ids, in request order without repeats, or
   * fails as EC2 does for a malformed or unknown id.
   */
  public List<SimInstance> visibleInstances(List<String> ids) {
    List<String> missing = new ArrayList<>();
    List<SimInstance> out = new ArrayList<>();
    Instant now = engine.clock.now();
    for (String id : new LinkedHashSet<>(ids)) {
      if (!INSTANCE_ID.matcher(id).matches()) {
        throw new ApiException(400, "InvalidInstanceID.Malformed", "Invalid id: \"" + Check.echo(id) + "\"");
      }
      SimInstance i = engine.instance(id);
      if (i == null || !i.visibleAt(now)) {
        missing.add(id);
      } else {
        out.add(i);
      }
    }
    if (missing.size() == 1) {
      throw new ApiException(400, "InvalidInstanceID.NotFound", "The instance ID '" + missing.get(0) + "' does not exist");
    }
    if (!missing.isEmpty()) {
      throw new ApiException(400, "InvalidInstanceID.NotFound",
          "The instance IDs '" + String.join(", ", missing) + "' do not exist");
    }
    return out;
  }

  /** Returns the instances EC2 still lists, in launch order. */
  public List<SimInstance> visibleInstances() {
    Instant now = engine.clock.now();
    return engine.instances().stream().filter(i -> i.visibleAt(now)).toList();
  }

  /**
   * Puts tags on instances and launch templates (EC2 CreateTags); keys starting with {@code aws:}
   * are reserved. Fails before any change.
   */
  public void createTags(List<String> resourceIds, Map<String, String> tags) {
    List<Map<String, String>> targets = tagTargets(resourceIds);
    tags.forEach((k, v) -> {
      Check.ec2Tag(k, v);
      if (k.startsWith("aws:")) {
        throw ApiException.ec2Invalid("Value ( " + Check.echo(k)
            + " ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use");
      }
    });
    for (Map<String, String> target : targets) {
      if (target.size() + tags.size() > MAX_TAGS) {
        throw new ApiException(400, "TagLimitExceeded", "The maximum number of tags (" + MAX_TAGS
            + ") for a resource has been reached.");
      }
    }
    targets.forEach(t -> t.putAll(tags));
  }

  /**
   * Removes tags (EC2 DeleteTags): a key with a null value goes whatever its value, with a value
   * only if it matches; no tags at all removes every tag but the {@code aws:} ones.
   */
  public void deleteTags(List<String> resourceIds, Map<String, String> tags) {
    for (Map<String, String> target : tagTargets(resourceIds)) {
      if (tags.isEmpty()) {
        target.keySet().removeIf(k -> !k.startsWith("aws:"));
      } else {
        tags.forEach((k, v) -> {
          if (v == null || v.equals(target.get(k))) {
            target.remove(k);
          }
        });
      }
    }
  }

  private List<Map<String, String>> tagTargets(List<String> resourceIds) {
    List<Map<String, String>> targets = new ArrayList<>();
    for (String id : resourceIds) {
      if (id.startsWith("i-")) {
        targets.add(visibleInstances(List.of(id)).get(0).tags);
      } else if (id.startsWith("lt-")) {
        LaunchTemplate lt = engine.templates.get(id);
        if (lt == null) {
          throw new ApiException(400, "InvalidLaunchTemplateId.NotFound",
              "The specified launch template, with template ID " + Check.echo(id) + ", does not exist.");
        }
        targets.add(lt.tags);
      } else {
        throw new ApiException(400, "InvalidID", "The ID '" + Check.echo(id) + "' is not valid");
      }
    }
    return targets;
  }
}
