package io.warmgate.aws.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.aws.testing.EmulatorClients;
import io.warmgate.testing.EmulatedAws;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.Tag;

class TaggedManagedGroupsTest {

  private static EmulatedAws aws;
  private static AwsClients clients;
  private static final int TAGGED = 105;

  @BeforeAll
  static void start() {
    aws = EmulatedAws.start();
    clients = EmulatorClients.of(aws);
    // More tagged groups than one DescribeTags page (100) holds, so the paginator must follow NextToken.
    for (int i = 0; i < TAGGED; i++) {
      aws.emptyGroup("tagged-" + i);
      tag("tagged-" + i, "warmgate:managed", i % 2 == 0 ? "true" : "TRUE");
    }
    aws.emptyGroup("off");
    tag("off", "warmgate:managed", "false");
    aws.emptyGroup("other");
    tag("other", "team", "true");
  }

  private static void tag(String group, String key, String value) {
    clients.autoScaling().createOrUpdateTags(r -> r.tags(Tag.builder().resourceId(group)
        .resourceType("auto-scaling-group").key(key).value(value).propagateAtLaunch(false).build()));
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @Test
  void listsConfiguredGroupsFirstThenEveryGroupTaggedManagedAcrossPages() {
    List<String> groups =
        new TaggedManagedGroups(clients.autoScaling(), List.of("legacy", " tagged-3 ", "legacy", ""), "warmgate:managed")
            .list();

    List<String> expected = new ArrayList<>(List.of("legacy", "tagged-3"));
    assertThat(groups.subList(0, 2)).isEqualTo(expected);
    assertThat(groups).hasSize(1 + TAGGED).doesNotHaveDuplicates().doesNotContain("off", "other");
    assertThat(groups).contains("tagged-0", "tagged-104");
  }

  @Test
  void aBlankTagKeyListsOnlyConfiguredGroups() {
    long before = aws.emulator.apiCallCounts().getOrDefault("DescribeTags", 0L);

    assertThat(new TaggedManagedGroups(clients.autoScaling(), List.of("a", "b"), " ").list()).containsExactly("a", "b");
    assertThat(aws.emulator.apiCallCounts().getOrDefault("DescribeTags", 0L)).isEqualTo(before);
  }
}
