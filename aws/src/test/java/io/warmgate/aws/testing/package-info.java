/** Test fixtures: the gate's AWS clients pointed at the shared emulator fixture. */
package io.warmgate.aws.testing;
