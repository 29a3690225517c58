package io.warmgate.emulator.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.warmgate.emulator.lambda.fixture.BrokenInitHandler;
import io.warmgate.emulator.lambda.fixture.EchoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host runs small function jars in child JVMs through the Runtime Interface Client and the Runtime API. */
class LambdaHostTest {

  @TempDir
  Path dir;
  private LambdaHost host;

  @AfterEach
  void stop() {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void answersThroughTheRuntimeApiAndReusesTheIdleEnvironment() throws IOException {
    host = start(EchoHandler.class, Duration.ofSeconds(10));

    InvocationRecord first = host.invoke("{\"n\":1}");
    InvocationRecord second = host.invoke("{\"n\":2}");

    assertThat(first.result()).isInstanceOf(InvocationResult.Succeeded.class);
    assertThat(((InvocationResult.Succeeded) first.result()).payload())
        .isEqualTo("{\"n\":1}|fixture-fn|true|" + first.requestId());
    assertThat(first.coldStart()).isTrue();
    assertThat(first.processToResponse()).isPositive();
    assertThat(second.coldStart()).isFalse();
    assertThat(second.environment()).isEqualTo(first.environment());
    assertThat(second.billedMillis()).isPositive();
    assertThat(host.logFiles()).singleElement().satisfies(log ->
        assertThat(Files.readString(log)).contains("echo handling {\"n\":1}", "echo handling {\"n\":2}"));
  }

  @Test
  void concurrentInvocationsEachGetAnEnvironment() {
    host = start(EchoHandler.class, Duration.ofSeconds(20));

    CompletableFuture<InvocationRecord> a = CompletableFuture.supplyAsync(() -> host.invoke("slow a"));
    CompletableFuture<InvocationRecord> b = CompletableFuture.supplyAsync(() -> host.invoke("slow b"));

    assertThat(a.join().result().failed()).isFalse();
    assertThat(b.join().result().failed()).isFalse();
    assertThat(a.join().environment()).isNotEqualTo(b.join().environment());
    assertThat(host.peakConcurrentEnvironments()).isEqualTo(2);
  }

  @Test
  void aTimeoutFailsTheInvocationAndReplacesTheEnvironment() {
    host = start(EchoHandler.class, Duration.ofSeconds(1));

    InvocationRecord timedOut = host.invoke("very slow");
    InvocationRecord next = host.invoke("quick");

    assertThat(timedOut.result()).isInstanceOf(InvocationResult.TimedOut.class);
    assertThat(timedOut.result().describe()).isEqualTo("Task timed out after 1.00 seconds");
    assertThat(next.result().failed()).isFalse();
    assertThat(next.coldStart()).isTrue();
    assertThat(next.environment()).isNotEqualTo(timedOut.environment());
    assertThat(host.logFiles().get(0)).content().contains("EchoHandler.handleRequest");
  }

  @Test
  void aFunctionErrorIsReportedWithItsType() {
    host = start(EchoHandler.class, Duration.ofSeconds(10));

    InvocationRecord failed = host.invoke("fail");

    assertThat(failed.result()).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
        e -> assertThat(e.errorType()).isEqualTo("java.lang.IllegalStateException"));
  }

  @Test
  void aClassMissingFromTheJarFailsTheInvocation() {
    host = start(EchoHandler.class, Duration.ofSeconds(10));

    InvocationRecord failed = host.invoke("missing");

    assertThat(failed.result()).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
        e -> assertThat(e.errorType() + e.errorMessage()).contains("NoClassDefFoundError", "MissingFromTheJar"));
  }

  @Test
  void anInitErrorIsReported() {
    host = start(BrokenInitHandler.class, Duration.ofSeconds(10));

    InvocationRecord failed = host.invoke("{}");

    assertThat(failed.result()).isInstanceOf(InvocationResult.InitFailed.class);
    assertThat(failed.result().describe()).contains("Runtime.BadFunctionCode", BrokenInitHandler.class.getName());
    assertThat(host.logFiles()).singleElement().satisfies(log -> assertThat(Files.readString(log)).contains("broken at init"));
  }

  @Test
  void anAsynchronousEventThatKeepsFailingReachesTheDeadLetterQueue() {
    host = start(EchoHandler.class, Duration.ofSeconds(10));

    host.invokeAsync("fail", new AsyncInvokeConfig(0, Duration.ofMinutes(1)), "dlq");

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !host.asyncPending());
    assertThat(host.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.queue()).isEqualTo("dlq");
      assertThat(d.payload()).isEqualTo("fail");
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(d.reason()).contains("asked to fail");
    });
  }

  private LambdaHost start(Class<?> handler, Duration timeout) {
    Path jar = functionJar(handler);
    FunctionConfig config = new FunctionConfig("fixture-fn", "arn:aws:lambda:us-east-1:123456789012:function:fixture-fn",
        jar, handler.getName() + "::handleRequest", "java17", 256, timeout, Map.of());
    return LambdaHost.start(config, dir.resolve("host"), 4);
  }

  /** A jar of the fixture handlers alone: never the test classpath, and without MissingFromTheJar. */
  private Path functionJar(Class<?> handler) {
    Path jar = dir.resolve("function.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Class<?> type : List.of(EchoHandler.class, BrokenInitHandler.class)) {
        String name = type.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(name));
        try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return jar;
  }
}
