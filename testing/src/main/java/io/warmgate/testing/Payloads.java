package io.warmgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Sample payloads a gate receives, one copy for every module: the EventBridge lifecycle events (launch
 * is AWS's documented sample, field for field), an SQS batch, an SNS envelope, an SQS body, a test
 * notification and a scheduled event.
 */
public final class Payloads {

  public static final String EVENTBRIDGE_LAUNCH = "eventbridge-launch.json";
  public static final String EVENTBRIDGE_TERMINATE = "eventbridge-terminate.json";
  public static final String SQS_BATCH = "sqs-batch-event.json";
  public static final String SQS_LIFECYCLE_BODY = "sqs-lifecycle-body.json";
  public static final String SNS_ENVELOPE = "sns-envelope.json";
  public static final String TEST_NOTIFICATION = "test-notification.json";
  public static final String SCHEDULED = "scheduled-event.json";

  private Payloads() {
  }

  /** The payload's text; an unknown name is an error that names it. */
  public static String text(String name) {
    try (InputStream in = Payloads.class.getResourceAsStream("payloads/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample payload named " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
