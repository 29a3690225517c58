/**
 * The AWS Lambda entry point: {@link io.warmgate.lambda.GateHandler} gates lifecycle events within
 * the invocation's time and sweeps the managed groups on a schedule.
 */
package io.warmgate.lambda;
