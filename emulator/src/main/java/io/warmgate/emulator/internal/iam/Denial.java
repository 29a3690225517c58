package io.warmgate.emulator.internal.iam;

import java.util.Objects;

/**
 * Why a request was refused, rendered as AWS renders it: Auto Scaling answers {@code AccessDenied},
 * EC2 {@code UnauthorizedOperation}, both with HTTP 403.
 *
 * @param principal the caller's ARN ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION})
 * @param action the IAM action, such as {@code autoscaling:DescribeTags}
 * @param resource the refused resource, or {@code *} for actions without resource-level permissions
 * @param explicit whether a Deny statement refused it (else no Allow matched)
 */
public record Denial(String principal, String action, String resource, boolean explicit) {

  /** The HTTP status of every denial. */
  public static final int STATUS = 403;

  /** Checks the parts. */
  public Denial {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
  }

  /** The service's error code. */
  public String code() {
    return action.startsWith("ec2:") ? "UnauthorizedOperation" : "AccessDenied";
  }

  /** The service's error message. */
  public String message() {
    String core = "User: " + principal + " is not authorized to perform: " + action
        + (resource.equals("*") ? "" : " on resource: " + resource)
        + (explicit ? " with an explicit deny in an identity-based policy"
            : " because no identity-based policy allows the " + action + " action");
    return action.startsWith("ec2:") ? "You are not authorized to perform this operation. " + core : core;
  }
}
