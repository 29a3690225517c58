package io.warmgate.e2e;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.warmgate.emulator.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A Lambda context whose remaining time counts down on the emulator's clock from the function's
 * timeout, as Lambda's does in real time, so the handler budgets an invocation as deployed.
 */
final class EmulatedLambdaContext implements Context {

  private final EmulatorClock clock;
  private final Instant deadline;
  private final String functionName;
  private final int memoryMb;
  private final String requestId = UUID.randomUUID().toString();

  EmulatedLambdaContext(EmulatorClock clock, Duration timeout, String functionName, int memoryMb) {
    this.clock = clock;
    this.deadline = clock.now().plus(timeout);
    this.functionName = functionName;
    this.memoryMb = memoryMb;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "e2e";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "1";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:" + DeployedGate.REGION + ":" + DeployedGate.ACCOUNT + ":function:" + functionName + ":live";
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
    return (int) Math.max(0, Duration.between(clock.now(), deadline).toMillis());
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
