/** CDK app {@code seed-stack}: the incident's whole system (ALB, Windows warm pool) with the gate attached. */
package io.warmgate.cdk.seed;
