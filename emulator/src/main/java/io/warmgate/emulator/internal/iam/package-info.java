/**
 * IAM in the emulator: identity-based policy documents, bound to access keys, evaluated against
 * each signed request as AWS evaluates them. Internal: not part of the emulator's API.
 */
package io.warmgate.emulator.internal.iam;
