package io.warmgate.aws.autoscaling;

import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.port.ManagedGroups;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Filter;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

/**
 * Lists the managed groups: the names given in configuration, then every group carrying the managed
 * tag with value {@code true} (any case), found with a paginated {@code DescribeTags} filtered on the
 * tag key.
 *
 * <p>Configured names come first, in their order, without duplicates. Blocking; thread-safe.
 */
public final class TaggedManagedGroups implements ManagedGroups {

  /** The tag that marks a group as managed, unless configured otherwise. */
  public static final String DEFAULT_TAG = "warmgate:managed";

  private final AutoScalingClient autoScaling;
  private final List<String> configured;
  private final String tagKey;

  /**
   * @param autoScaling the client; not closed here
   * @param configured group names managed regardless of tags (blank names are dropped)
   * @param tagKey the tag key whose value {@code true} marks a managed group; blank to not look for tags
   */
  public TaggedManagedGroups(AutoScalingClient autoScaling, List<String> configured, String tagKey) {
    this.autoScaling = Objects.requireNonNull(autoScaling, "autoScaling");
    this.configured =
        Objects.requireNonNull(configured, "configured").stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .distinct()
            .toList();
    this.tagKey = Objects.requireNonNull(tagKey, "tagKey").trim();
  }

  @Override
  public List<String> list() {
    Set<String> names = new LinkedHashSet<>(configured);
    if (tagKey.isEmpty()) {
      return List.copyOf(names);
    }
    try {
      for (TagDescription tag :
          autoScaling
              .describeTagsPaginator(r -> r.filters(Filter.builder().name("key").values(tagKey).build()))
              .tags()) {
        if ("auto-scaling-group".equals(tag.resourceType())
            && tagKey.equals(tag.key())
            && tag.value() != null
            && tag.value().trim().toLowerCase(Locale.ROOT).equals("true")) {
          names.add(tag.resourceId());
        }
      }
    } catch (SdkException e) {
      throw AwsFailures.wrap("DescribeTags for groups tagged " + tagKey + "=true", e);
    }
    return List.copyOf(names);
  }

  /** The configured names, without the tagged ones. */
  @Override
  public List<String> configured() {
    return configured;
  }

  /** The tag key looked for, empty if tags are not consulted. */
  public String tagKey() {
    return tagKey;
  }
}
