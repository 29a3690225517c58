/**
 * The IAM actions the adapters call, as data that deployments grant from; plain JDK types only, so a
 * CDK app can read it without the AWS SDK on its classpath.
 */
package io.warmgate.aws.iam;
