package io.warmgate.core.policy;

/**
 * Reads the {@code "warmgate"} object of a hook's NotificationMetadata JSON into a flat {@link
 * ConfigLayer}.
 *
 * <p>The core has no JSON library; the AWS module implements this with Jackson. Implementations flatten
 * nested objects to dotted keys ({@code {"warmgate":{"http":{"port":80}}}} to {@code http.port=80}),
 * write numbers and booleans as their JSON text, join arrays of scalars with commas, skip nulls, and
 * build the result with {@link ConfigLayer#fromMetadata}. Metadata that is not JSON, or has no {@code
 * "warmgate"} key, gives an empty layer: hooks often carry metadata meant for someone else. Thread-safe.
 */
@FunctionalInterface
public interface MetadataParser {

  /** A parser that finds no settings in any metadata. */
  MetadataParser NONE = (source, metadata) -> ConfigLayer.empty(source);

  /**
   * Parses one hook's metadata.
   *
   * @param source the layer's source for error messages, e.g. {@code NotificationMetadata of hook my-hook}
   * @param notificationMetadata the metadata text (1 to 1,023 characters in PutLifecycleHook, the API model's XmlStringMaxLen1023)
   * @throws InvalidConfigurationException if {@code "warmgate"} is present but is not an object, or holds
   *     a value that is neither a scalar nor an array of scalars
   */
  ConfigLayer parse(String source, String notificationMetadata);
}
