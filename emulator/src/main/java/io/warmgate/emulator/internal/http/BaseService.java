package io.warmgate.emulator.internal.http;

/**
 * What every {@link EmulatedService} states about itself once, at construction: its signing name, its protocol and
 * its failures. The services differ in their operations, not in how they hand these three out, so they are held
 * here rather than written again in each service.
 */
abstract class BaseService implements EmulatedService {

  private final String signingName;
  private final Protocol protocol;
  private final Failures failures;

  BaseService(String signingName, Protocol protocol, Failures failures) {
    this.signingName = signingName;
    this.protocol = protocol;
    this.failures = failures;
  }

  @Override
  public final String signingName() {
    return signingName;
  }

  @Override
  public final Protocol protocol() {
    return protocol;
  }

  @Override
  public final Failures failures() {
    return failures;
  }
}
