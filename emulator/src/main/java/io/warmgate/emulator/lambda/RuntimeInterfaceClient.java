package io.warmgate.emulator.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The Runtime Interface Client ({@code com.amazonaws:aws-lambda-java-runtime-interface-client} 2.10.1) and its own
 * dependencies, the classpath of every child JVM the host starts. The build copies the jars into this package's
 * {@code ric/} resources ({@code ric/jars.txt} lists them), so the host runs the same from the module, a test
 * classpath or the CLI's shaded jar; they are extracted once per JVM into a temporary directory.
 */
final class RuntimeInterfaceClient {

  /** The client's entry point, started with the handler string as its one argument. */
  static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /**
   * The system property naming the client's JNI library. Unset, every child JVM extracts the library to the same
   * file in /tmp, and one JVM's extraction crashes another that is loading it (SIGBUS); Lambda's own launch line
   * sets it to the runtime's copy, and so does the host, to one extracted once.
   */
  static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private static List<Path> jars;
  private static Path jni;

  private RuntimeInterfaceClient() {}

  /**
   * The client's jars on this machine, extracted on first use.
   *
   * @throws IllegalStateException if the resources are missing (a build that skipped the copy)
   */
  static synchronized List<Path> classpath() {
    if (jars == null) {
      jars = extract();
    }
    return jars;
  }

  /** The client's JNI library for this machine (glibc or musl, x86_64 or aarch64), extracted on first use. */
  static synchronized Path jniLibrary() {
    if (jni == null) {
      String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
      boolean musl = Files.exists(Path.of("/lib/ld-musl-" + (arch.equals("x86_64") ? "x86_64" : "aarch64") + ".so.1"));
      String name = "jni/libaws-lambda-jni.linux" + (musl ? "_musl" : "") + "-" + arch + ".so";
      Path clientJar = classpath().get(0);
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(clientJar.toFile())) {
        java.util.zip.ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
          throw new IllegalStateException("the Runtime Interface Client has no " + name);
        }
        Path lib = clientJar.resolveSibling(name.substring(4));
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        }
        lib.toFile().deleteOnExit();
        jni = lib;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot extract the Runtime Interface Client's JNI library", e);
      }
    }
    return jni;
  }

  private static List<Path> extract() {
    try {
      Path dir = Files.createTempDirectory("warmgate-ric-");
      dir.toFile().deleteOnExit();
      List<Path> out = new ArrayList<>();
      for (String name : names()) {
        try (InputStream in = RuntimeInterfaceClient.class.getResourceAsStream("ric/" + name)) {
          if (in == null) {
            throw new IllegalStateException("the Runtime Interface Client's jar ric/" + name
                + " is not among the emulator's resources; rebuild the emulator module");
          }
          Path jar = dir.resolve(name);
          Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
          jar.toFile().deleteOnExit();
          out.add(jar);
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the Runtime Interface Client", e);
    }
  }

  private static List<String> names() throws IOException {
    try (InputStream in = RuntimeInterfaceClient.class.getResourceAsStream("ric/jars.txt")) {
      if (in == null) {
        throw new IllegalStateException("ric/jars.txt is not among the emulator's resources");
      }
      List<String> names = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank()) {
            names.add(line.strip());
          }
        }
      }
      return names;
    }
  }
}
