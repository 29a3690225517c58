package io.warmgate.cdk.portable;

import io.warmgate.cdk.LambdaJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes the release artifacts into one folder ({@code dist/} at the repository root when {@code mvn -B package}
 * runs it): the function jar ({@value #JAR}), the portable template synthesized now from the construct
 * ({@value #TEMPLATE}), and {@value #SUMS}, their SHA-256 sums in the format {@code sha256sum -c} reads.
 */
public final class ReleaseArtifacts {

  /** The function jar's file name in the folder. */
  public static final String JAR = "warmgate-lambda.jar";
  /** The portable template's file name in the folder. */
  public static final String TEMPLATE = "warmgate.template.json";
  /** The checksum file's name. */
  public static final String SUMS = "SHA256SUMS";

  private ReleaseArtifacts() {}

  /**
   * Synthesizes the portable app and writes the artifacts.
   *
   * @param args one argument, the folder to write (created if missing; files in it are replaced)
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ReleaseArtifacts <dist folder>");
    }
    Path template = Path.of(PortableApp.build().synth().getStackByName(PortableApp.STACK_ID).getTemplateFullPath());
    Path dist = write(Path.of(args[0]), LambdaJar.resolve(), template);
    System.out.println("release artifacts in " + dist + ": " + String.join(", ", List.of(JAR, TEMPLATE, SUMS)));
  }

  /**
   * Copies the jar and the template into {@code dist} under their release names and writes their sums.
   *
   * @return the folder, absolute
   */
  public static Path write(Path dist, Path jar, Path template) throws IOException {
    Path out = dist.toAbsolutePath().normalize();
    Files.createDirectories(out);
    // Only what this build makes: an artifact of an older build must not be signed off with the new ones.
    try (Stream<Path> old = Files.list(out)) {
      for (Path p : old.toList()) {
        if (Files.isRegularFile(p)) {
          Files.delete(p);
        }
      }
    }
    Map<String, Path> files = new TreeMap<>();
    files.put(JAR, Files.copy(jar, out.resolve(JAR), StandardCopyOption.REPLACE_EXISTING));
    files.put(TEMPLATE, Files.copy(template, out.resolve(TEMPLATE), StandardCopyOption.REPLACE_EXISTING));
    StringBuilder sums = new StringBuilder();
    files.forEach((name, path) -> sums.append(sha256(path)).append("  ").append(name).append('\n'));
    Files.writeString(out.resolve(SUMS), sums, StandardCharsets.US_ASCII);
    return out;
  }

  /** The file's SHA-256 as 64 lowercase hex digits. */
  static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
