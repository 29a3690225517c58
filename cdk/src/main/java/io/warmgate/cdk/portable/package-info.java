/**
 * CDK app {@code portable}: the {@code WarmGate} construct synthesized into a CloudFormation template with
 * parameters, for deployment without the CDK (AWS CLI, SAM, Terraform, CfnInclude).
 */
package io.warmgate.cdk.portable;
