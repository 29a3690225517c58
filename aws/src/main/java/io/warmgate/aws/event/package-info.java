/**
 * Turns EventBridge events, SQS/SNS lifecycle notifications and hook NotificationMetadata into
 * core values; never throws on bad input.
 */
package io.warmgate.aws.event;
