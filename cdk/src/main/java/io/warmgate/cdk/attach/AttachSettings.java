package io.warmgate.cdk.attach;

import io.warmgate.cdk.ReadinessPolicy;
import io.warmgate.cdk.WarmGateApps;
import io.warmgate.core.model.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.constructs.Node;

/**
 * Holds what the {@code attach} app needs to know about an existing group, read from CDK context.
 *
 * <p>Context keys: {@code groupName}, {@code vpcId}, {@code subnetIds} (comma-separated or a JSON
 * list), {@code securityGroupId} (the instances' group; optional if {@code vpcCidr} is given),
 * {@code vpcCidr}, {@code healthPort}, {@code healthPath}, {@code healthCodes}, {@code deadline} (a duration
 * such as {@code 40m} or {@code PT40M}): these four default to the gate's own defaults ({@code ReadinessPolicy.builder()}),
 * {@code shadow} (default false), {@code alarmTopicArn} (an SNS topic for the alarms, optional; without it the
 * construct creates one), {@code alarmEmail} (an address subscribed to the created topic, optional),
 * {@code readiness} ({@code http}, the default, probes the health endpoint from inside the VPC;
 * {@code console} reads EC2Launch's ready line through the EC2 API, so the function runs outside any
 * VPC and {@code vpcId}, {@code subnetIds}, {@code securityGroupId} and {@code vpcCidr} are not needed).
 *
 * @param groupName the Auto Scaling group to gate
 * @param vpcId the group's VPC
 * @param subnetIds the subnets the gate function runs in (they need a route to the AWS APIs)
 * @param securityGroupId the instances' security group, or null
 * @param vpcCidr where probes may go when there is no instances' security group, or null
 * @param healthPort the instances' health port
 * @param healthPath the instances' health path
 * @param healthCodes the status codes that pass
 * @param deadline the readiness deadline, from the start of the instance's boot
 * @param shadow whether the gate only logs its decisions
 * @param alarmTopicArn the SNS topic the alarms notify, or null
 * @param alarmEmail the address subscribed to the alarm topic the construct creates, or null
 * @param readiness how the gate tells that an instance is ready
 */
public record AttachSettings(
    String groupName,
    String vpcId,
    List<String> subnetIds,
    String securityGroupId,
    String vpcCidr,
    int healthPort,
    String healthPath,
    String healthCodes,
    Duration deadline,
    boolean shadow,
    String alarmTopicArn,
    String alarmEmail,
    Readiness readiness) {

  /** The gate's defaults, for the health settings left out. */
  private static final ReadinessPolicy DEFAULTS = ReadinessPolicy.builder().build();

  /** How the attached gate tells that an instance is ready. */
  public enum Readiness {
    /** HTTP GET of the health endpoint, from inside the group's VPC. */
    HTTP,
    /** EC2Launch's ready line in the console output, through the EC2 API: no VPC. */
    CONSOLE;

    static Readiness parse(String text) {
      return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "http" -> HTTP;
        case "console" -> CONSOLE;
        default -> throw new IllegalArgumentException("context 'readiness' must be http or console, got '" + text + "'");
      };
    }
  }

  /** Validates the settings and copies the subnet list. */
  public AttachSettings {
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(healthPath, "healthPath");
    Objects.requireNonNull(healthCodes, "healthCodes");
    Objects.requireNonNull(deadline, "deadline");
    subnetIds = List.copyOf(Objects.requireNonNull(subnetIds, "subnetIds"));
    if (readiness == Readiness.HTTP) {
      checkNetwork(vpcId, subnetIds, securityGroupId, vpcCidr);
    }
    if (alarmTopicArn != null) {
      WarmGateApps.topicArn(alarmTopicArn);
    }
    if (alarmTopicArn != null && alarmEmail != null) {
      throw new IllegalStateException("give alarmTopicArn or alarmEmail, not both: the email subscribes to the topic the"
          + " gate creates when no alarmTopicArn is given");
    }
  }

  private static void checkNetwork(String vpcId, List<String> subnetIds, String securityGroupId, String vpcCidr) {
    Objects.requireNonNull(vpcId, "vpcId");
    if (!vpcId.matches("vpc-[0-9a-f]{8,17}")) {
      throw new IllegalArgumentException("vpcId must look like vpc-0123abcd, got '" + vpcId + "'");
    }
    if (subnetIds.isEmpty()) {
      throw new IllegalArgumentException("subnetIds must name at least one subnet");
    }
    for (String subnet : subnetIds) {
      if (!subnet.matches("subnet-[0-9a-f]{8,17}")) {
        throw new IllegalArgumentException("subnetIds must look like subnet-0123abcd, got '" + subnet + "'");
      }
    }
    if (securityGroupId != null && !securityGroupId.matches("sg-[0-9a-f]{8,17}")) {
      throw new IllegalArgumentException("securityGroupId must look like sg-0123abcd, got '" + securityGroupId + "'");
    }
    if (securityGroupId == null && vpcCidr == null) {
      throw new IllegalStateException("give securityGroupId (the instances' group) or vpcCidr, so probes have somewhere to go");
    }
  }

  /**
   * Reads the settings from the context of {@code node}.
   *
   * @throws IllegalArgumentException naming the missing or malformed key
   */
  public static AttachSettings fromContext(Node node) {
    Readiness readiness = Readiness.parse(optionalOr(node, "readiness", "http"));
    boolean network = readiness == Readiness.HTTP;
    return new AttachSettings(
        required(node, "groupName"),
        network ? required(node, "vpcId") : optional(node, "vpcId"),
        network || node.tryGetContext("subnetIds") != null ? list(node, "subnetIds") : List.of(),
        optional(node, "securityGroupId"),
        optional(node, "vpcCidr"),
        integer(node, "healthPort", DEFAULTS.port().intValue()),
        optionalOr(node, "healthPath", DEFAULTS.path()),
        optionalOr(node, "healthCodes", DEFAULTS.codes()),
        duration(node, "deadline", DEFAULTS.deadline()),
        Boolean.parseBoolean(optionalOr(node, "shadow", "false")),
        optional(node, "alarmTopicArn"),
        optional(node, "alarmEmail"),
        readiness);
  }

  private static String required(Node node, String key) {
    String value = optional(node, key);
    if (value == null) {
      throw new IllegalArgumentException("missing context '" + key + "': pass -c " + key + "=... to cdk synth/deploy");
    }
    return value;
  }

  private static String optional(Node node, String key) {
    Object value = node.tryGetContext(key);
    if (value == null) {
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  private static String optionalOr(Node node, String key, String fallback) {
    String value = optional(node, key);
    return value == null ? fallback : value;
  }

  private static int integer(Node node, String key, int fallback) {
    Object value = node.tryGetContext(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      return number.intValue();
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("context '" + key + "' must be a whole number, got '" + value + "'", e);
    }
  }

  private static Duration duration(Node node, String key, Duration fallback) {
    String value = optional(node, key);
    if (value == null) {
      return fallback;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("context '" + key + "': " + e.getMessage(), e);
    }
  }

  private static List<String> list(Node node, String key) {
    Object value = node.tryGetContext(key);
    if (value instanceof List<?> items) {
      return items.stream().map(Object::toString).map(String::trim).toList();
    }
    String text = required(node, key);
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
