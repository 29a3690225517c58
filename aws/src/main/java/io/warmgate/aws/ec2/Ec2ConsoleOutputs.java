package io.warmgate.aws.ec2;

import io.warmgate.aws.internal.AwsFailures;
import io.warmgate.core.port.ConsoleOutputs;
import io.warmgate.core.port.GatePortException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;

/**
 * Reads an instance's console output with {@code GetConsoleOutput}, passing the base64 {@code Output}
 * through undecoded (the core judges it).
 *
 * <p>{@code Latest=true} works only on instance types that run on the Nitro hypervisor ("GetConsoleOutput",
 * EC2 API Reference). EC2 does not document the error code of the refusal; a client error with one of the
 * codes an unsupported parameter gets ({@code UnsupportedOperation}, {@code InvalidParameterCombination},
 * {@code InvalidParameterValue}) on a {@code Latest} read is taken as that refusal (inferred). An instance
 * EC2 does not know reads as no output. A role without {@value #PERMISSION} gets one ERROR per process
 * naming the permission, and every read fails with it. Blocking; thread-safe.
 */
public final class Ec2ConsoleOutputs implements ConsoleOutputs {

  private static final Set<String> LATEST_REFUSED = Set.of("UnsupportedOperation", "InvalidParameterCombination", "InvalidParameterValue");

  private static final Logger LOG = LoggerFactory.getLogger(Ec2ConsoleOutputs.class);
  private static final Set<String> DENIED = Set.of("UnauthorizedOperation", "AccessDenied", "AccessDeniedException");
  /** The permission the console probe needs, as an ERROR names it. */
  public static final String PERMISSION = "ec2:GetConsoleOutput";

  private final Ec2Client ec2;
  private final AtomicBoolean deniedReported = new AtomicBoolean();

  /** Uses the given client; does not close it. */
  public Ec2ConsoleOutputs(Ec2Client ec2) {
    this.ec2 = Objects.requireNonNull(ec2, "ec2");
  }

  @Override
  public ConsoleOutput read(String instanceId, boolean latest) {
    Objects.requireNonNull(instanceId, "instanceId");
    try {
      GetConsoleOutputResponse r = ec2.getConsoleOutput(b -> {
        b.instanceId(instanceId);
        if (latest) {
          b.latest(true);
        }
      });
      return new ConsoleOutput(Optional.ofNullable(r.output()), Optional.ofNullable(r.timestamp()));
    } catch (SdkException e) {
      Optional<String> code = AwsFailures.errorCode(e);
      if (code.filter(c -> c.startsWith("InvalidInstanceID.")).isPresent()) {
        return new ConsoleOutput(Optional.empty(), Optional.empty());
      }
      if (code.filter(DENIED::contains).isPresent()) {
        String what = "a hook's policy uses the ec2console probe, but the gate's role lacks " + PERMISSION
            + " (the construct grants it when a policy it writes uses the probe)";
        // One ERROR per process, not one per round: every later round fails with the same reason in its detail.
        if (deniedReported.compareAndSet(false, true)) {
          LOG.error("{}; first refused for {}: {}", what, instanceId, AwsFailures.errorMessage(e));
        }
        throw new GatePortException(what, e, false);
      }
      if (latest && code.filter(LATEST_REFUSED::contains).isPresent()) {
        throw new LatestUnsupportedException("GetConsoleOutput Latest=true refused for " + instanceId + ": " + AwsFailures.errorMessage(e), e);
      }
      throw AwsFailures.wrap("GetConsoleOutput for " + instanceId, e);
    }
  }
}
