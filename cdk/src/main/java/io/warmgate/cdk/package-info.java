/** The {@code WarmGate} CDK construct that attaches the warmgate readiness gate to an Auto Scaling group. */
package io.warmgate.cdk;
