package io.warmgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the jar that ships, {@code target/warmgate-lambda.jar} after shading, the bytes the CDK
 * apps upload: a shading exclusion that removes a class in use fails the build here, naming the class
 * and who refers to it, instead of failing every lifecycle action in AWS with
 * {@code NoClassDefFoundError}. Runs in the {@code integration-test} phase, after {@code package}.
 */
class ShadedJarIT {

  /**
   * Lambda's limit for the unzipped deployment package, 250 MB, where Lambda's MB is 1,024 x 1,024 bytes
   * (Lambda quotas, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
   */
  static final long UNZIPPED_LIMIT = 250L * 1024 * 1024;

  /**
   * Classes the jar lacks on purpose, each reached only by code warmgate never runs. Every entry names the
   * missing package, the only packages allowed to refer to it, and why it is safe. A class in use never
   * goes here: warmgate's own references are checked with no exceptions at all.
   */
  static final List<OptionalDependency> OPTIONAL = List.of(
      new OptionalDependency("org/aspectj/lang/", List.of("software/amazon/lambda/powertools/common/internal/"),
          "Powertools' AspectJ entry points; the gate uses Powertools' functional API, and org.aspectj is excluded in lambda/pom.xml"),
      new OptionalDependency("software/amazon/awssdk/crt/",
          List.of("software/amazon/awssdk/http/auth/aws/crt/", "software/amazon/awssdk/checksums/internal/"),
          "the SDK's optional AWS CRT (SigV4a signing, CRC32C/CRC64NVME/xxHash checksums), loaded only when aws-crt is present;"
              + " Auto Scaling and EC2 sign with SigV4"),
      new OptionalDependency("software/amazon/awssdk/crtcore/", List.of("software/amazon/awssdk/http/auth/aws/crt/"),
          "as above: the CRT signer's adapter"),
      new OptionalDependency("software/amazon/awssdk/services/ec2/waiters/", List.of("software/amazon/awssdk/services/ec2/"),
          "Ec2Client.waiter(), excluded in lambda/pom.xml; no warmgate class refers to a waiter"),
      new OptionalDependency("software/amazon/awssdk/services/autoscaling/waiters/",
          List.of("software/amazon/awssdk/services/autoscaling/"),
          "AutoScalingClient.waiter(), excluded in lambda/pom.xml; no warmgate class refers to a waiter"));

  private static JarClosure jar;
  private static Set<String> own;

  @BeforeAll
  static void readTheShadedJar() {
    Path path = Path.of(System.getProperty("warmgate.lambda.jar", "target/warmgate-lambda.jar"));
    assertThat(path).as("the shaded jar (run the package phase first)").isRegularFile();
    jar = JarClosure.read(path);
    own = jar.classes(name -> name.startsWith("io/warmgate/"));
  }

  @Test
  void theHandlerAndWarmgatesAdaptersAreInTheJar() {
    assertThat(own).contains("io/warmgate/lambda/GateHandler", "io/warmgate/aws/AwsGateFactory", "io/warmgate/core/gate/Gate");
  }

  @Test
  void everyClassThatWarmgatesOwnClassesReferToIsInTheJarOrTheJdk() {
    Map<String, Set<String>> missing = jar.missingFrom(own);

    assertThat(missing).as("classes warmgate's code refers to that the shaded jar lacks (missing <- referred to by):%n%s",
        describe(missing)).isEmpty();
  }

  @Test
  void everyClassReachableFromWarmgatesClassesIsInTheJarOrAKnownOptionalDependency() {
    Map<String, Set<String>> missing = new TreeMap<>(jar.missingInClosureOf(own));
    missing.entrySet().removeIf(entry -> OPTIONAL.stream().anyMatch(optional -> optional.covers(entry.getKey(), entry.getValue())));

    assertThat(missing).as("classes reachable from warmgate's code that the shaded jar lacks (missing <- referred to by):%n%s",
        describe(missing)).isEmpty();
  }

  @Test
  void theJarIsWithinLambdasDeploymentPackageQuotas() throws Exception {
    Path path = Path.of(System.getProperty("warmgate.lambda.jar", "target/warmgate-lambda.jar"));

    // The zipped limit (50 MB for a direct upload) is the enforcer's jar-size rule in lambda/pom.xml.
    assertThat(Files.size(path)).isLessThanOrEqualTo(50L * 1024 * 1024);
    assertThat(jar.uncompressedBytes()).as("unzipped size").isLessThanOrEqualTo(UNZIPPED_LIMIT);
  }

  private static String describe(Map<String, Set<String>> missing) {
    return missing.entrySet().stream()
        .map(entry -> "  " + entry.getKey() + " <- " + String.join(", ", entry.getValue()))
        .collect(Collectors.joining(System.lineSeparator()));
  }

  /**
   * A package the jar lacks on purpose.
   *
   * @param missing the missing package, as an internal-name prefix
   * @param referrers the packages allowed to refer to it
   * @param why why no code warmgate runs reaches it
   */
  record OptionalDependency(String missing, List<String> referrers, String why) {

    boolean covers(String missingClass, Set<String> referredBy) {
      return missingClass.startsWith(missing)
          && referredBy.stream().allMatch(referrer -> referrers.stream().anyMatch(referrer::startsWith));
    }
  }
}
