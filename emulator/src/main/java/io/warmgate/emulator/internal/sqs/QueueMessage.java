package io.warmgate.emulator.internal.sqs;

import java.time.Instant;

/**
 * One message as a receive returns it: a copy, so the caller holds no queue state.
 *
 * @param messageId the id SendMessage gave it
 * @param receiptHandle this receive's handle (each receive gets a new one)
 * @param body the body as sent
 * @param md5OfBody the hex MD5 of the body's UTF-8 bytes, which the SDK checks
 * @param sentAt when it was sent (simulated)
 * @param receiveCount how many times it has been received, this receive included
 * @param firstReceivedAt when it was first received (simulated)
 */
public record QueueMessage(String messageId, String receiptHandle, String body, String md5OfBody, Instant sentAt,
    int receiveCount, Instant firstReceivedAt) {
}
