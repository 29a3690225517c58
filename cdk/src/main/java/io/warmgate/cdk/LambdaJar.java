package io.warmgate.cdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds the gate's shaded Lambda jar ({@code warmgate-lambda.jar}) that the construct deploys.
 *
 * <p>Looks, in order, at the system property {@value #PROPERTY}, the environment variable
 * {@value #ENVIRONMENT}, then the copy of the jar that the {@code warmgate-cdk} artifact carries as
 * the resource {@value #RESOURCE}, so a CDK app that depends on {@code io.warmgate:warmgate-cdk}
 * needs nothing else. The resource is written once per JVM to a temporary file; CDK stages it into
 * the cloud assembly under its content hash.
 */
public final class LambdaJar {

  /** System property naming the jar. Maven sets it for this module's tests and exec executions. */
  public static final String PROPERTY = "warmgate.lambda.jar";
  /** Environment variable naming the jar. */
  public static final String ENVIRONMENT = "WARMGATE_LAMBDA_JAR";
  /** Where the {@code warmgate-cdk} jar carries the Lambda jar (copied in at {@code prepare-package}). */
  public static final String RESOURCE = "/io/warmgate/cdk/lambda/warmgate-lambda.jar";

  private static Path extracted;

  private LambdaJar() {}

  /**
   * Returns the jar path from the property, the environment or the bundled resource, checking it exists.
   *
   * @throws IllegalStateException if none of them gives a jar, with the command that builds it
   */
  public static Path resolve() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENVIRONMENT);
    }
    if (configured != null && !configured.isBlank()) {
      return check(Path.of(configured));
    }
    return bundled();
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

  private static synchronized Path bundled() {
    if (extracted != null && Files.isRegularFile(extracted)) {
      return extracted;
    }
    try (InputStream in = LambdaJar.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("this warmgate-cdk carries no Lambda jar (" + RESOURCE + "; it is added when the"
            + " module is packaged): depend on the packaged io.warmgate:warmgate-cdk artifact, or build the jar with"
            + " `mvn -pl lambda -am package -DskipTests` and point -D" + PROPERTY + " (or " + ENVIRONMENT + ") at it");
      }
      Path file = Files.createTempFile("warmgate-lambda-", ".jar");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      extracted = file;
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bundled warmgate Lambda jar to a temporary file", e);
    }
  }
}
