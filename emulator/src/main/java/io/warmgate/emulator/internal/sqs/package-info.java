/** Internal: the emulated SQS standard queues (messages, visibility, long polls); not an API. */
package io.warmgate.emulator.internal.sqs;
