package io.warmgate.emulator.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A function as its template defines it, ready for {@link LambdaHost}.
 *
 * @param name the function's name ({@code AWS_LAMBDA_FUNCTION_NAME})
 * @param arn the ARN invocations name ({@code Lambda-Runtime-Invoked-Function-Arn}), the alias's when invoked through one
 * @param code the deployment package: the asset file exactly as {@code cdk deploy} uploads it (a jar or zip)
 * @param handler the handler string, {@code package.Class::method}
 * @param runtime the runtime identifier, {@code java17} or {@code java21}
 * @param memoryMb the configured memory, 128 to 10,240 MB; sizes the heap and the billing
 * @param timeout the function's timeout, 1 s to 900 s
 * @param environment the function's environment variables, plus whatever the host's caller adds (endpoint,
 *     credentials); Lambda's own variables are set by the host and win
 */
public record FunctionConfig(String name, String arn, Path code, String handler, String runtime, int memoryMb,
    Duration timeout, Map<String, String> environment) {

  // Limits from the Lambda API reference (CreateFunction: MemorySize 128-10240, Timeout 1-900) and the
  // Java runtimes Lambda supports on Amazon Linux 2023.
  private static final Pattern HANDLER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$.]*(::[\\p{L}_$][\\p{L}\\p{N}_$]*)?");
  private static final Pattern RUNTIME = Pattern.compile("java(8\\.al2|11|17|21|25)");

  /**
   * Checks every field.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if a value is outside what Lambda accepts, or the code is not a readable file
   */
  public FunctionConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(timeout, "timeout");
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    if (name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("function name must be 1 to 64 characters: " + name);
    }
    if (!HANDLER.matcher(handler).matches()) {
      throw new IllegalArgumentException("handler must be package.Class::method: " + handler);
    }
    if (!RUNTIME.matcher(runtime).matches()) {
      throw new IllegalArgumentException("the host runs Java runtimes only (java8.al2, java11, java17, java21, java25), not " + runtime);
    }
    if (memoryMb < 128 || memoryMb > 10_240) {
      throw new IllegalArgumentException("MemorySize must be 128 to 10240 MB: " + memoryMb);
    }
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(900)) > 0) {
      throw new IllegalArgumentException("Timeout must be 1 to 900 s: " + timeout);
    }
    if (!Files.isRegularFile(code) || !Files.isReadable(code)) {
      throw new IllegalArgumentException("the function's code is not a readable file: " + code);
    }
  }
}
