/** A local Auto Scaling + EC2 endpoint with warm-pool lifecycles, simulated instances and an accelerated clock. */
package io.warmgate.emulator;
