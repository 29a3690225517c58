/** The synthesized CDK stacks run end to end against the emulator, as they would be deployed. */
package io.warmgate.e2e;
