package io.warmgate.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures local handler init time: from JVM start to the first event handled, through the no-argument
 * constructor Lambda uses (static init from the process environment).
 *
 * <p>Run with the shaded jar, against a loopback endpoint only:
 *
 * <pre>
 * AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_ENDPOINT_URL=http://127.0.0.1:4566 \
 *   java -cp lambda/target/warmgate-lambda.jar io.warmgate.lambda.InitTimeHarness [event.json]
 * </pre>
 *
 * Without an event file it handles an {@code autoscaling:TEST_NOTIFICATION}, which exercises parsing,
 * dispatch and logging but no AWS call. It refuses to run unless {@code AWS_ENDPOINT_URL} names a
 * loopback address, so it can never reach AWS. Prints the figures on standard error.
 */
public final class InitTimeHarness {

  private static final String TEST_NOTIFICATION =
      "{\"AccountId\":\"123456789012\",\"AutoScalingGroupName\":\"my-asg\",\"Service\":\"AWS Auto Scaling\","
          + "\"Event\":\"autoscaling:TEST_NOTIFICATION\",\"Time\":\"2021-01-13T00:10:00.123Z\"}";

  private InitTimeHarness() {}

  /** Runs one event through a freshly initialised handler and prints the timings. */
  public static void main(String[] args) throws IOException {
    String endpoint = System.getenv("AWS_ENDPOINT_URL");
    if (endpoint == null || !isLoopback(endpoint) || System.getenv("AWS_REGION") == null) {
      System.err.println("InitTimeHarness: set AWS_REGION and AWS_ENDPOINT_URL=http://127.0.0.1:PORT (loopback only)");
      System.exit(2);
      return;
    }
    // Belt and braces: the endpoint is loopback and credentials static, but never ask the metadata service.
    System.setProperty("aws.disableEc2Metadata", "true");
    byte[] event =
        args.length > 0 ? Files.readAllBytes(Path.of(args[0])) : TEST_NOTIFICATION.getBytes(StandardCharsets.UTF_8);
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long beforeInit = System.currentTimeMillis();
    GateHandler handler = new GateHandler();
    long afterInit = System.currentTimeMillis();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext("warmgate-harness", java.time.Duration.ofMinutes(1)));
    long handled = System.currentTimeMillis();
    System.err.printf(
        "jvm start -> main: %d ms; handler init (object graph): %d ms; first event: %d ms; "
            + "JVM start to first event handled: %d ms%nresponse: %s%n",
        beforeInit - jvmStart,
        afterInit - beforeInit,
        handled - afterInit,
        handled - jvmStart,
        out.toString(StandardCharsets.UTF_8));
    System.exit(0);
  }

  private static boolean isLoopback(String endpoint) {
    try {
      String host = URI.create(endpoint).getHost();
      return host != null && (host.equals("localhost") || host.startsWith("127."));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
