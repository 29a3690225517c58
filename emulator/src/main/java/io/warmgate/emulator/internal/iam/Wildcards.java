package io.warmgate.emulator.internal.iam;

/**
 * Matches IAM patterns (and EC2 filter values, which use the same wildcards): {@code *} is any run
 * of characters (none included), {@code ?} any one. At most pattern x text steps, so a hostile
 * pattern cannot stall the caller as a backtracking regular expression would.
 */
public final class Wildcards {

  private Wildcards() {}

  /** True if {@code text} matches {@code pattern} as a whole. */
  public static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    // Greedy with backtracking to the last star: linear in practice, no regex compilation.
    while (t < text.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
