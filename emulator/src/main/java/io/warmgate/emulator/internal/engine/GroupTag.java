package io.warmgate.emulator.internal.engine;

/**
 * A tag on a group as CreateOrUpdateTags and DeleteTags name it.
 *
 * @param groupName ResourceId
 * @param resourceType ResourceType, or null
 * @param key Key
 * @param value Value, or null
 * @param propagateAtLaunch PropagateAtLaunch
 */
public record GroupTag(String groupName, String resourceType, String key, String value, boolean propagateAtLaunch) { }
