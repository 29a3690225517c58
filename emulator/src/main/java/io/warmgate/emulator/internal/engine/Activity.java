package io.warmgate.emulator.internal.engine;

import java.time.Instant;

/** Records one scaling activity for DescribeScalingActivities. */
public record Activity(String id, String groupName, String groupArn, String description, String cause,
    Instant start, Instant end, String statusCode, String details) {
}
