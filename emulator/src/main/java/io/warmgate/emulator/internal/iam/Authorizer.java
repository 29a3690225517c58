package io.warmgate.emulator.internal.iam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a request signed with an access key may do what it asks. Keys without a policy
 * are unrestricted; a key with one is held to it: an explicit Deny wins, else an Allow whose action,
 * resource and conditions match, else the request is refused (implicit deny). A request on several
 * resources needs every one of them allowed. Immutable and thread-safe.
 */
public final class Authorizer {

  /** Restricts no key. */
  public static final Authorizer NONE = new Authorizer(Map.of(), "000000000000");

  private final Map<String, IamPolicy> policies;
  private final String accountId;

  /** Binds each access key id to its policy; principals are named in {@code accountId}. */
  public Authorizer(Map<String, IamPolicy> policies, String accountId) {
    this.policies = Map.copyOf(policies);
    this.accountId = Objects.requireNonNull(accountId, "accountId");
  }

  /** True if requests signed with {@code accessKeyId} are held to a policy. */
  public boolean restricts(String accessKeyId) {
    return accessKeyId != null && policies.containsKey(accessKeyId);
  }

  /**
   * Evaluates one request.
   *
   * @param accessKeyId the key in the request's SigV4 credential scope, or null if unsigned
   * @param action the IAM action, {@code service:Operation}
   * @param resources the ARNs the action acts on ({@code *} for none in particular)
   * @param context the condition keys of the request, such as {@code aws:RequestedRegion}
   * @return the denial, or empty if the request may proceed
   */
  public Optional<Denial> authorize(String accessKeyId, String action, List<String> resources,
      Map<String, String> context) {
    IamPolicy policy = accessKeyId == null ? null : policies.get(accessKeyId);
    if (policy == null) {
      return Optional.empty();
    }
    String lowerAction = action.toLowerCase(Locale.ROOT);
    Map<String, String> keys = new java.util.HashMap<>();
    context.forEach((k, v) -> keys.put(k.toLowerCase(Locale.ROOT), v));
    String principal = "arn:aws:sts::" + accountId + ":assumed-role/" + accessKeyId + "/warmgate-emulator";
    for (String resource : resources) {
      boolean allowed = false;
      for (PolicyStatement s : policy.statements()) {
        if (s.applies(lowerAction, resource, keys)) {
          if (s.effect() == Effect.DENY) {
            return Optional.of(new Denial(principal, action, resource, true));
          }
          allowed = true;
        }
      }
      if (!allowed) {
        return Optional.of(new Denial(principal, action, resource, false));
      }
    }
    return Optional.empty();
  }
}
