package io.warmgate.cdk.portable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release folder holds the jar, the template and their sums in sha256sum's format, and nothing older. */
class ReleaseArtifactsTest {

  @Test
  void writesTheJarTheTemplateAndTheirSumsAndDropsWhatAnOlderBuildLeft(@TempDir Path tmp) throws Exception {
    Path jar = Files.writeString(tmp.resolve("in.jar"), "jar bytes");
    Path template = Files.writeString(tmp.resolve("in.json"), "{}");
    Path dist = tmp.resolve("dist");
    Files.createDirectories(dist);
    Files.writeString(dist.resolve("warmgate-lambda-0.0.1.jar"), "stale");

    ReleaseArtifacts.write(dist, jar, template);

    try (var files = Files.list(dist)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(ReleaseArtifacts.SUMS, ReleaseArtifacts.JAR, ReleaseArtifacts.TEMPLATE);
    }
    List<String> sums = Files.readAllLines(dist.resolve(ReleaseArtifacts.SUMS), StandardCharsets.US_ASCII);
    // `sha256sum -c` reads "<64 hex digits><two spaces><name>".
    // `sha256sum -c` reads "<64 hex digits><two spaces><name>"; the sums are sha256sum's own for these bytes.
    assertThat(sums).containsExactly(
        "fba6a4ac61e440c7309ae013e5c5c7ac0a9000c8a3bab7def760b499d587b1d0  " + ReleaseArtifacts.JAR,
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a  " + ReleaseArtifacts.TEMPLATE);
  }
}
