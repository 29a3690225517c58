package io.warmgate.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
 * dispatch and logging but no AWS call. With {@code --prime} first, it runs the SnapStart priming
 * ({@link SnapStartPriming}) after init, as the snapshot would, and times it apart; compare with and
 * without {@code JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1} (see docs/performance.md). It refuses to run unless {@code AWS_ENDPOINT_URL} names a
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
    boolean prime = args.length > 0 && args[0].equals("--prime");
    String eventFile = args.length > (prime ? 1 : 0) ? args[prime ? 1 : 0] : null;
    byte[] event =
        eventFile != null ? Files.readAllBytes(Path.of(eventFile)) : TEST_NOTIFICATION.getBytes(StandardCharsets.UTF_8);
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long beforeInit = System.currentTimeMillis();
    GateHandler handler = new GateHandler();
    long primeMs = 0;
    if (prime) {
      long p = System.currentTimeMillis();
      GateHandler.primeForSnapshot();
      primeMs = System.currentTimeMillis() - p;
    }
    long afterInit = System.currentTimeMillis();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext("warmgate-harness", java.time.Duration.ofMinutes(1)));
    long handled = System.currentTimeMillis();
    System.err.printf(
        "jvm start -> main: %d ms; handler init (object graph%s): %d ms%s; first event: %d ms; "
            + "JVM start to first event handled: %d ms%nresponse: %s%n",
        beforeInit - jvmStart,
        prime ? " and priming" : "",
        afterInit - beforeInit,
        prime ? " (priming " + primeMs + " ms)" : "",
        handled - afterInit,
        handled - jvmStart,
        out.toString(StandardCharsets.UTF_8));
    System.exit(0);
  }

  /**
   * Whether {@code endpoint} is an http(s) URL whose host is loopback written literally: {@code
   * localhost}, a dotted-quad 127.x.y.z or {@code [::1]}. No name is resolved, so a DNS name that merely
   * starts with "127." (127.attacker.example) is refused.
   */
  static boolean isLoopback(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = uri.getScheme();
    String host = uri.getHost();
    if (host == null || scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.equals("localhost") || host.equals("[::1]") || host.equals("[0:0:0:0:0:0:0:1]") || isLoopbackIpv4(host);
  }

  private static boolean isLoopbackIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      boolean decimal = !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(c -> c >= '0' && c <= '9');
      // A leading zero reads as octal to some resolvers: refuse it rather than guess.
      if (!decimal || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return parts[0].equals("127");
  }
}
