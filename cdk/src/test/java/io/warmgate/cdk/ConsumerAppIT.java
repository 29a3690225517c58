package io.warmgate.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A CDK Java app outside this repository, which knows warmgate only as {@code io.warmgate:warmgate-cdk}
 * and its version, synthesizes a gate: the construct finds its Lambda jar without any path.
 *
 * <p>This build's artifacts go into a private local repository in a temporary directory (the shared
 * one is only read, as a remote); Maven resolves the app's classpath from it, and the app runs in a JVM
 * of its own with no jar property or environment variable. Run by failsafe after {@code package}.
 */
class ConsumerAppIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAVEN_MINUTES = 5;
  private static final long SYNTH_MINUTES = 3;

  static Path dir;
  static List<String> classpath;
  static Path out;

  private static String property(String name) {
    String value = System.getProperty("warmgate.it." + name);
    assertThat(value).as("system property warmgate.it." + name + " (set by the cdk pom)").isNotBlank();
    return value;
  }

  @BeforeAll
  static void buildAndSynthesizeTheApp() throws Exception {
    dir = Files.createTempDirectory("warmgate-consumer-");
    Path repo = dir.resolve("repo");
    String version = property("version");
    install(repo, "warmgate-parent", version, null, Path.of(property("parentPom")));
    install(repo, "warmgate-core", version, Path.of(property("coreJar")), Path.of(property("corePom")));
    install(repo, "warmgate-aws", version, Path.of(property("awsJar")), Path.of(property("awsPom")));
    install(repo, "warmgate-cdk", version, Path.of(property("cdkJar")), Path.of(property("cdkPom")));

    Path app = dir.resolve("app");
    Files.createDirectories(app);
    Path cache = Path.of(property("cache"));
    Files.writeString(app.resolve("pom.xml"), resource("pom.xml")
        .replace("@warmgate.version@", version)
        .replace("@managed@", pinnedVersions(cache)));
    Path settings = dir.resolve("settings.xml");
    Files.writeString(settings, resource("settings.xml")
        .replace("@cache.url@", cache.toUri().toString()));
    Files.writeString(app.resolve("ConsumerApp.java"), resource("ConsumerApp.java"));

    Path classpathFile = dir.resolve("classpath.txt");
    String mvn = Path.of(property("mavenHome"), "bin", "mvn").toString();
    run(List.of(mvn, "-B", "-q", "-s", settings.toString(), "-Dmaven.repo.local=" + repo,
            "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath",
            "-Dmdep.outputFile=" + classpathFile),
        app, MAVEN_MINUTES);
    classpath = List.of(Files.readString(classpathFile).trim().split(File.pathSeparator));

    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled = javac.run(null, null, null, "--release", "17", "-d", classes.toString(),
        "-cp", String.join(File.pathSeparator, classpath), app.resolve("ConsumerApp.java").toString());
    assertThat(compiled).as("javac exit code").isZero();

    out = dir.resolve("cdk.out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    run(List.of(java, "-cp", classes + File.pathSeparator + String.join(File.pathSeparator, classpath),
        "ConsumerApp", out.toString()), app, SYNTH_MINUTES);
  }

  /**
   * Managed dependencies for every third-party jar on this test's own classpath, which Maven resolved
   * for this module from {@code cache}: {@code .../group/path/artifact/version/artifact-version.jar}.
   */
  private static String pinnedVersions(Path cache) {
    StringBuilder xml = new StringBuilder();
    // Failsafe starts the fork from a manifest-only jar and keeps the real classpath here.
    String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : testClasspath.split(File.pathSeparator)) {
      Path jar = Path.of(entry).toAbsolutePath().normalize();
      if (!jar.startsWith(cache) || !jar.toString().endsWith(".jar")) {
        continue;
      }
      Path relative = cache.relativize(jar);
      int n = relative.getNameCount();
      if (n < 4) {
        continue;
      }
      String artifactId = relative.getName(n - 3).toString();
      String version = relative.getName(n - 2).toString();
      String groupId = relative.subpath(0, n - 3).toString().replace(File.separatorChar, '.');
      if (groupId.equals("io.warmgate") || !relative.getFileName().toString().equals(artifactId + "-" + version + ".jar")) {
        continue;
      }
      xml.append("      <dependency><groupId>").append(groupId).append("</groupId><artifactId>").append(artifactId)
          .append("</artifactId><version>").append(version).append("</version></dependency>\n");
    }
    assertThat(xml).as("third-party jars on the test classpath").contains("<artifactId>aws-cdk-lib</artifactId>");
    return xml.toString();
  }

  /** Puts an artifact where a local repository keeps it; a repository needs no more than the files. */
  private static void install(Path repo, String artifactId, String version, Path jar, Path pom) throws IOException {
    Path at = repo.resolve(Path.of("io", "warmgate", artifactId, version));
    Files.createDirectories(at);
    Files.copy(pom, at.resolve(artifactId + "-" + version + ".pom"));
    if (jar != null) {
      assertThat(jar).as("packaged " + artifactId).isRegularFile();
      Files.copy(jar, at.resolve(artifactId + "-" + version + ".jar"));
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ConsumerAppIT.class.getResourceAsStream("/consumer/" + name)) {
      assertThat(in).as("test resource consumer/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Runs a command in {@code workDir} with no jar override in its environment; fails with its output. */
  private static void run(List<String> command, Path workDir, long minutes) throws Exception {
    Path log = Files.createTempFile(dir, "run-", ".log");
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove(LambdaJar.ENVIRONMENT);
    env.remove("MAVEN_OPTS");
    env.remove("MAVEN_ARGS");
    Process process = builder.start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not finish within " + minutes + " min:\n" + Files.readString(log));
    }
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + Files.readString(log)).isZero();
  }

  @AfterAll
  static void removeTheTemporaryDirectory() throws IOException {
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void theAppsClasspathComesFromThePrivateRepositoryAlone() {
    assertThat(classpath).isNotEmpty()
        .allSatisfy(entry -> assertThat(Path.of(entry)).startsWith(dir.resolve("repo")))
        .anySatisfy(entry -> assertThat(entry).endsWith("warmgate-cdk-" + property("version") + ".jar"));
  }

  @Test
  void theFunctionDeploysTheLambdaJarThatTheCdkArtifactCarries() throws Exception {
    JsonNode template = JSON.readTree(out.resolve("Consumer.template.json").toFile());
    JsonNode function = null;
    for (JsonNode resource : template.path("Resources")) {
      if (resource.path("Type").asText().equals("AWS::Lambda::Function")) {
        function = resource;
      }
    }
    assertThat(function).as("the gate function").isNotNull();
    assertThat(function.path("Properties").path("Handler").asText()).isEqualTo(WarmGate.HANDLER);
    String key = function.path("Properties").path("Code").path("S3Key").asText();
    assertThat(key).endsWith(".jar");

    // CDK stages a file asset as asset.<hash>.jar and uploads it under <hash>.jar.
    Path staged = out.resolve("asset." + key);

    assertThat(staged).isRegularFile();
    assertThat(sha256(staged)).isEqualTo(sha256(Path.of(property("lambdaJar"))));
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
