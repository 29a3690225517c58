package io.warmgate.emulator.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's deployment package unpacked as Lambda unpacks it into {@code /var/task}: the runtime's class
 * loader reads the task root's classes and {@code lib/*.jar}, never the archive as a jar. So a class the
 * archive lacks is missing here too, and a multi-release jar loads its base classes as on Lambda.
 */
final class DeploymentPackage {

  /** Lambda's limit on the unzipped package (Lambda quotas page: 250 MB unzipped, layers included). */
  static final long MAX_UNZIPPED_BYTES = 250L * 1024 * 1024;

  private DeploymentPackage() {}

  /**
   * Unzips {@code archive} into a fresh directory.
   *
   * @return the task root
   * @throws IllegalArgumentException if an entry would escape the directory or the package exceeds 250 MB unzipped
   */
  static Path unpack(Path archive, Path into) {
    try {
      Files.createDirectories(into);
      long total = 0;
      try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          Path target = into.resolve(e.getName()).normalize();
          if (!target.startsWith(into)) {
            throw new IllegalArgumentException("deployment package entry escapes the task root: " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(target);
            continue;
          }
          Files.createDirectories(target.getParent());
          total += copy(zip, target, MAX_UNZIPPED_BYTES - total);
        }
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the deployment package " + archive, e);
    }
  }

  private static long copy(InputStream in, Path target, long budget) throws IOException {
    long written = 0;
    byte[] buffer = new byte[64 * 1024];
    try (var out = Files.newOutputStream(target)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        written += n;
        if (written > budget) {
          throw new IllegalArgumentException("deployment package is larger than Lambda's 250 MB unzipped");
        }
        out.write(buffer, 0, n);
      }
    }
    return written;
  }
}
