package io.warmgate.emulator.internal.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of a launch template version's LaunchTemplateData that the emulator models; a null member was not
 * given, and is left out of the version's description as EC2 leaves it out.
 *
 * @param imageId ImageId
 * @param instanceType InstanceType
 * @param userData UserData (base64, as given)
 * @param disableApiTermination DisableApiTermination
 * @param instanceTags the tags of its {@code instance} TagSpecification
 */
public record TemplateData(String imageId, String instanceType, String userData, Boolean disableApiTermination,
    Map<String, String> instanceTags) {

  /** Copies the tags. */
  public TemplateData {
    instanceTags = Collections.unmodifiableMap(new LinkedHashMap<>(instanceTags));
  }

  /** This data with every member {@code changes} gives replaced (a new version from a source version). */
  public TemplateData with(TemplateData changes) {
    return new TemplateData(changes.imageId != null ? changes.imageId : imageId,
        changes.instanceType != null ? changes.instanceType : instanceType,
        changes.userData != null ? changes.userData : userData,
        changes.disableApiTermination != null ? changes.disableApiTermination : disableApiTermination,
        changes.instanceTags.isEmpty() ? instanceTags : changes.instanceTags);
  }
}
