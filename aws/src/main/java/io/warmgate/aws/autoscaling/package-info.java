/** Auto Scaling (Query protocol 2011-01-01) implementations of the core's ports. */
package io.warmgate.aws.autoscaling;
