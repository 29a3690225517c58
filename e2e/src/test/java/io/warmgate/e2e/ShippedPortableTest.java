package io.warmgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.cdk.LambdaJar;
import io.warmgate.cdk.portable.PortableApp;
import io.warmgate.cdk.portable.ReleaseArtifacts;
import io.warmgate.emulator.stack.StackTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The portable template as a user of the AWS CLI deploys it: the function jar uploaded to {@code CodeS3Bucket}
 * under {@code CodeS3Key}, the stack created with parameter overrides on a group that exists before it (the
 * replay's stand-in: empty, MaxSize 3, a warm pool of 2 put after the hook), the hook created by the template.
 * The parameters are resolved as CloudFormation would ({@link TemplateParameters}), then the template runs through
 * the emulator's Lambda host as the CDK templates do: the jar in its own JVMs, under the template's handler, role,
 * rules and schedule. The pool fills, then one instance starts from it.
 */
class ShippedPortableTest extends ExistingGroupScenario {

  static final String GROUP = "web-portable";
  /** What `aws cloudformation deploy --parameter-overrides` would pass; the rest stay at their defaults. */
  static final Map<String, String> PARAMETERS = Map.of(
      "CodeS3Bucket", "warmgate-artifacts-123456789012",
      "CodeS3Key", "warmgate/0.1.0/warmgate-lambda.jar",
      "GroupName", GROUP,
      "HealthPort", "8080",
      "HealthPath", "/ready",
      "VpcId", "vpc-0a1b2c3d4e5f60718",
      "SubnetIds", "subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788",
      "InstanceSecurityGroupId", "sg-0a1b2c3d4e5f60718");
  private static final ObjectMapper JSON = new ObjectMapper();

  JsonNode deployed;

  /** The parameter overrides of this deployment. */
  Map<String, String> parameters() {
    return PARAMETERS;
  }

  /** The replay's name and seed (its work directories). */
  String name() {
    return "portable";
  }

  long seed() {
    return 41L;
  }

  @Override
  ShippedStack replay() {
    Map<String, String> parameters = parameters();
    deployed = TemplateParameters.resolve(Templates.portable(), parameters);
    try {
      // The bucket, as `aws s3 cp dist/warmgate-lambda.jar s3://BUCKET/KEY` leaves it: the release jar under the key.
      Path bucket = ShippedStack.workDir(name() + "-bucket", seed());
      Files.copy(LambdaJar.resolve(), bucket.resolve(ReleaseArtifacts.JAR));
      Files.writeString(bucket.resolve(PortableApp.STACK_ID + ".assets.json"), JSON.createObjectNode().set("files",
          JSON.createObjectNode().set("code", JSON.createObjectNode()
              .<com.fasterxml.jackson.databind.node.ObjectNode>set("source", JSON.createObjectNode()
                  .put("path", ReleaseArtifacts.JAR).put("packaging", "file"))
              .set("destinations", JSON.createObjectNode().set("bucket", JSON.createObjectNode()
                  .put("bucketName", parameters.get("CodeS3Bucket")).put("objectKey", parameters.get("CodeS3Key"))))))
          .toPrettyString());
      return ShippedStack.replay(StackTemplate.of(PortableApp.STACK_ID, deployed), bucket, name(), seed());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


  @Test
  void theTemplateCreatedTheHookOnTheExistingGroupWithTheParametersPolicy() {
    assertThat(group).isEqualTo(GROUP);
    var hooks = run.admin.autoScaling().describeLifecycleHooks(r -> r.autoScalingGroupName(GROUP)).lifecycleHooks();
    assertThat(hooks).singleElement().satisfies(h -> {
      assertThat(h.lifecycleHookName()).isEqualTo("warmgate-launch");
      assertThat(h.heartbeatTimeout()).isEqualTo(300);
      assertThat(h.defaultResult()).isEqualTo("ABANDON");
      assertThat(h.notificationMetadata()).contains("\"port\":\"8080\"", "\"path\":\"/ready\"");
    });
    JsonNode function = deployed.path("Resources").findParents("Handler").get(0);
    assertThat(function.path("VpcConfig").path("SubnetIds")).extracting(JsonNode::asText)
        .containsExactly("subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788");
  }
}
