/** CDK app {@code attach}: deploys the gate onto an existing Auto Scaling group, with no lookups. */
package io.warmgate.cdk.attach;
