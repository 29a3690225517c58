/**
 * Replays a synthesized CloudFormation stack on the emulator: what it models is created in dependency order,
 * the stack's function runs in the {@link io.warmgate.emulator.lambda.LambdaHost}, and its rules deliver events.
 */
package io.warmgate.emulator.stack;
