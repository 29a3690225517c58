package io.warmgate.cli.queue;

import io.warmgate.aws.config.AwsClients;
import io.warmgate.cli.daemon.Daemon;
import io.warmgate.cli.daemon.JsonLogListener;
import io.warmgate.core.port.Scheduler;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The daemon's queue reader as {@code warmgate run --queue-url} wires it: an SQS client with the daemon's settings
 * (endpoint from {@code AWS_ENDPOINT_URL_SQS} or the common one) whose reads outlast a long poll, and a
 * {@link QueueRunner} that hands each message to the daemon. It owns the client.
 */
public final class QueueReader {
  private final SqsClient sqs;
  private final QueueRunner runner;

  /** Builds the client and the runner; nothing is received before {@link #start()}. */
  public QueueReader(AwsClients clients, URI queueUrl, Daemon daemon, Scheduler scheduler, JsonLogListener log,
      QueueRunner.Options options) {
    this.sqs = clients.buildLongPolling(SqsClient.builder(), "AWS_ENDPOINT_URL_SQS", options.waitTime().plusSeconds(15));
    this.runner = new QueueRunner(sqs, queueUrl.toString(), daemon::dispatch, scheduler, log, options);
  }

  /** Starts long-polling. */
  public void start() {
    runner.start();
  }

  /** Stops receiving; held messages go on until their runs end. */
  public void stopReceiving() {
    runner.stopReceiving();
  }

  /** Waits up to {@code grace} for held messages to be acknowledged, then closes the client. */
  public void close(Duration grace) {
    runner.close(grace);
    sqs.close();
  }
}
