/**
 * What {@code warmgate doctor} reads, read-only, from Auto Scaling, EC2 and EventBridge into the core's group
 * snapshots. Not the gate: its calls are not among the gate's IAM actions ({@code io.warmgate.aws.iam}).
 */
package io.warmgate.aws.doctor;
