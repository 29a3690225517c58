package io.warmgate.cdk;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the gate's shaded Lambda jar ({@code warmgate-lambda.jar}) that the construct deploys.
 *
 * <p>Looks, in order, at the system property {@value #PROPERTY}, the environment variable
 * {@value #ENVIRONMENT}, then {@code ../lambda/target/warmgate-lambda.jar} relative to the working
 * directory (the {@code cdk} module when run from Maven or the bundled {@code cdk.json} files).
 */
public final class LambdaJar {

  /** System property naming the jar. Maven sets it for tests and the exec executions. */
  public static final String PROPERTY = "warmgate.lambda.jar";
  /** Environment variable naming the jar. */
  public static final String ENVIRONMENT = "WARMGATE_LAMBDA_JAR";
  /** Where the jar lands when the {@code cdk} module is the working directory. */
  public static final Path DEFAULT = Path.of("..", "lambda", "target", "warmgate-lambda.jar");

  private LambdaJar() {}

  /**
   * Returns the jar path from the property, the environment or the default, checking it exists.
   *
   * @throws IllegalStateException if the jar is not there, with the command that builds it
   */
  public static Path resolve() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENVIRONMENT);
    }
    Path jar = configured == null || configured.isBlank() ? DEFAULT : Path.of(configured);
    return check(jar);
  }

  /**
   * Returns the given jar path, absolute, after checking that it is a readable file.
   *
   * @throws IllegalStateException if it is missing, with the command that builds it
   */
  public static Path check(Path jar) {
    Path absolute = jar.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
      throw new IllegalStateException("warmgate Lambda jar not found at " + absolute
          + ": build it with `mvn -pl lambda -am package -DskipTests`, or point -D" + PROPERTY
          + " (or " + ENVIRONMENT + ") at the jar");
    }
    return absolute;
  }
}
