/** Internals of the emulator: not an API, may change at any time; use {@link io.warmgate.emulator.WarmPoolEmulator}. */
package io.warmgate.emulator.internal;
