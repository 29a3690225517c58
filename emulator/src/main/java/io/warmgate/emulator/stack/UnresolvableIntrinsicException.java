package io.warmgate.emulator.stack;

/** A CloudFormation intrinsic the replay cannot resolve locally; the message names it and where it is. */
public final class UnresolvableIntrinsicException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the intrinsic. */
  public UnresolvableIntrinsicException(String message) {
    super(message);
  }
}
