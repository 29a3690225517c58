/** Internal: the simulated instances' loopback health endpoints; not an API. */
package io.warmgate.emulator.internal.instance;
