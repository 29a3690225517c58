/**
 * Shared test fixtures, for test scope only: an embedded warm-pool emulator with real SDK clients on
 * its loopback endpoint ({@link io.warmgate.testing.EmulatedAws}), the clients alone
 * ({@link io.warmgate.testing.LoopbackClients}), the lifecycle events it emits
 * ({@link io.warmgate.testing.LifecycleEvents}) and sample payloads ({@link io.warmgate.testing.Payloads}).
 */
package io.warmgate.testing;
