package io.warmgate.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A Lambda context for running the handler outside Lambda (the init-time harness, tests): its remaining
 * time counts down on a clock (real time by default, the emulator's in end-to-end tests) from a
 * deadline fixed at creation, its identifiers are harmless constants, and its logger writes to
 * standard output. Thread-safe.
 */
public final class LocalContext implements Context {

  private final String functionName;
  private final Clock clock;
  private final long deadlineMillis;
  private final int memoryMb;

  /**
   * @param functionName the function name reported (also in the log group and ARN)
   * @param remaining the time left at creation, in real time
   */
  LocalContext(String functionName, Duration remaining) {
    this(functionName, remaining, Clock.systemUTC(), 512);
  }

  /**
   * A context whose remaining time counts down on {@code clock}.
   *
   * @param functionName the function name reported (also in the log group and ARN)
   * @param remaining the time left at creation, on the clock (the function's timeout)
   * @param clock the clock the remaining time counts down on
   * @param memoryMb the memory limit reported
   */
  public LocalContext(String functionName, Duration remaining, Clock clock, int memoryMb) {
    this.functionName = Objects.requireNonNull(functionName, "functionName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.deadlineMillis = clock.millis() + Objects.requireNonNull(remaining, "remaining").toMillis();
    this.memoryMb = memoryMb;
  }

  @Override
  public String getAwsRequestId() {
    return "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "local";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadlineMillis - clock.millis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.out.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.out.write(message, 0, message.length);
      }
    };
  }
}
