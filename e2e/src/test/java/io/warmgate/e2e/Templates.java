package io.warmgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmgate.cdk.attach.AttachApp;
import io.warmgate.cdk.portable.PortableApp;
import io.warmgate.cdk.seed.SeedApp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;

/**
 * Synthesizes the CDK apps offline, once per JVM each, and hands out their templates as JSON
 * trees. The attach app gets a fixed, made-up existing group to attach to.
 */
final class Templates {

  /** The group name the attach app is synthesized for. */
  static final String ATTACH_GROUP = "web-attached";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> CACHE = new ConcurrentHashMap<>();
  /** The scenario classes run in parallel; synthesis (one jsii runtime per JVM) goes one app at a time. */
  private static final Object SYNTH = new Object();

  private Templates() {}

  /** The seed stack's template. */
  static JsonNode seed() {
    return CACHE.computeIfAbsent(SeedApp.NAME, k -> synth(() -> SeedApp.build(Map.of()), SeedApp.STACK_ID));
  }

  /** The seed stack's console-readiness variant's template. */
  static JsonNode seedConsole() {
    return CACHE.computeIfAbsent(SeedApp.CONSOLE_NAME, k -> synth(() -> SeedApp.buildConsole(Map.of()), SeedApp.STACK_ID));
  }

  /** The attach stack's template, for {@link #ATTACH_GROUP}. */
  static JsonNode attach() {
    return CACHE.computeIfAbsent(AttachApp.NAME, k -> synth(() -> AttachApp.build(Map.of(
        "groupName", ATTACH_GROUP,
        "vpcId", "vpc-0a1b2c3d4e5f60718",
        "subnetIds", "subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788",
        "securityGroupId", "sg-0a1b2c3d4e5f60718")), AttachApp.STACK_ID));
  }

  /** The portable template as it ships in dist/, parameters unresolved (see {@link TemplateParameters}). */
  static JsonNode portable() {
    return CACHE.computeIfAbsent(PortableApp.NAME, k -> synth(PortableApp::build, PortableApp.STACK_ID));
  }

  private static JsonNode synth(java.util.function.Supplier<App> app, String stackName) {
    synchronized (SYNTH) {
      long started = System.nanoTime();
      Object template = app.get().synth().getStackByName(stackName).getTemplate();
      System.out.printf("[e2e] %s synthesized in %d ms%n", stackName, (System.nanoTime() - started) / 1_000_000);
      return JSON.valueToTree(template);
    }
  }
}
