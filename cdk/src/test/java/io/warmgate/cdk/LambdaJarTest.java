package io.warmgate.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LambdaJarTest {

  @Test
  void resolvesTheJarThatMavenNamesInTheSystemProperty() {
    Path jar = LambdaJar.resolve();

    assertThat(jar).isAbsolute().hasFileName("warmgate-lambda.jar").isRegularFile();
  }

  @Test
  void aMissingJarFailsWithTheCommandThatBuildsIt() {
    assertThatThrownBy(() -> LambdaJar.check(Path.of("no-such-dir", "warmgate-lambda.jar")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-dir")
        .hasMessageContaining("mvn -pl lambda -am package")
        .hasMessageContaining(LambdaJar.PROPERTY);
  }
}
