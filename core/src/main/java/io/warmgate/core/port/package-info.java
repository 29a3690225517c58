/**
 * What the core calls out through: time, instances, hooks, lifecycle actions and observers.
 *
 * <p>Adapters (AWS SDK, emulator clock, fakes) implement these; the core never reaches the outside
 * world any other way.
 */
package io.warmgate.core.port;
