/**
 * Adapters from the core's ports to the AWS SDK for Java v2, one subpackage per AWS service, plus
 * client construction ({@code config}) and lifecycle event parsing ({@code event}).
 */
package io.warmgate.aws;
