/** The daemon's SQS queue reader ({@code warmgate run --queue-url}). */
package io.warmgate.cli.queue;
