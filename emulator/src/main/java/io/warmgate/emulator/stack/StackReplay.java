package io.warmgate.emulator.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmgate.emulator.BootProfile;
import io.warmgate.emulator.WarmPoolEmulator;
import io.warmgate.emulator.WarmPoolEmulatorBuilder;
import io.warmgate.emulator.lambda.AsyncInvokeConfig;
import io.warmgate.emulator.lambda.FunctionConfig;
import io.warmgate.emulator.lambda.LambdaHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthesized stack replayed on the emulator, on real time. Resources the emulator models are created through
 * its API in CloudFormation's dependency order: launch templates, groups (with their hooks), warm pools, hooks,
 * rules, the functions the rules invoke (each in a {@link LambdaHost}, with its alias, version and invoke
 * config), their roles and policies (bound to the function's access key, so the emulator enforces them).
 * Every other resource is listed in {@link #plan()}, one line each; references to it resolve to an ARN naming it
 * as not modeled. An intrinsic the replay cannot resolve fails the replay with an error naming it.
 *
 * <p>Delivery: each lifecycle event the emulator emits goes to every enabled rule whose pattern matches it, as
 * an asynchronous invocation of the rule's function target under its invoke config; {@code rate(...)} schedules
 * fire on real time. Thread-safe.
 */
public final class StackReplay implements AutoCloseable {

  /** The emulator's region and account for a replay. */
  public static final String REGION = "us-east-1";
  /** The account id named in ARNs. */
  public static final String ACCOUNT = "123456789012";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
  private static final Pattern LT_ID = Pattern.compile("<launchTemplateId>(lt-[0-9a-f]+)</launchTemplateId>");
  private static final Set<String> MODELED = Set.of("AWS::EC2::LaunchTemplate", "AWS::AutoScaling::AutoScalingGroup",
      "AWS::AutoScaling::WarmPool", "AWS::AutoScaling::LifecycleHook", "AWS::Events::Rule", "AWS::Lambda::Function",
      "AWS::Lambda::Alias", "AWS::Lambda::Version", "AWS::Lambda::EventInvokeConfig", "AWS::Lambda::Permission",
      "AWS::IAM::Role", "AWS::IAM::Policy");

  private final StackTemplate template;
  private final StackReplayBuilder options;
  private final Intrinsics in;
  private final List<String> plan = new ArrayList<>();
  private final Map<String, String> physical = new LinkedHashMap<>();
  private final Map<String, LambdaHost> hosts = new LinkedHashMap<>();
  private final Map<String, String> accessKeys = new LinkedHashMap<>();
  private final Map<String, AsyncInvokeConfig> invokeConfigs = new LinkedHashMap<>();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<String> groups = new ArrayList<>();
  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicInteger scheduled = new AtomicInteger();
  private final ScheduledExecutorService schedules;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private WarmPoolEmulator emulator;

  /** A rule the replay delivers for. */
  private record Rule(String logicalId, String name, String arn, Optional<RulePattern> pattern, List<Target> targets) { }

  /** A rule target that is a hosted function. */
  private record Target(String functionId, String qualifier, String deadLetterQueue, int retryAttempts, Duration maxEventAge) { }

  StackReplay(StackReplayBuilder options) {
    this.options = options;
    this.template = options.template;
    this.in = new Intrinsics(template.stackName(), REGION, ACCOUNT, template.parameters(), options.parameters);
    this.schedules = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stack-schedules");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts configuring a replay of the template file {@code template}. */
  public static StackReplayBuilder builder(Path template) {
    return new StackReplayBuilder(StackTemplate.read(template), template.toAbsolutePath().getParent());
  }

  /** Starts configuring a replay of a parsed template whose assets are in {@code assetsDir}. */
  public static StackReplayBuilder builder(StackTemplate template, Path assetsDir) {
    return new StackReplayBuilder(template, assetsDir);
  }

  StackReplay start() {
    try {
      names();
      for (String id : template.creationOrder()) {
        if (!MODELED.contains(template.type(id))) {
          in.defineNotModeled(id, notModeled(id));
          plan.add("not modeled: " + id + " (" + template.type(id) + ")");
        }
      }
      Map<String, String> policies = rolePolicies();
      WarmPoolEmulatorBuilder b = options.emulator.speed(1.0).region(REGION).accountId(ACCOUNT).listener(this::onEvent);
      policies.forEach((functionId, policy) -> b.iamPolicy(accessKeys.get(functionId), policy,
          "the role policy of " + template.stackName() + "/" + functionId));
      this.emulator = b.start();
      for (String id : template.creationOrder()) {
        create(id);
      }
      startSchedules();
      plan.forEach(options.out);
      return this;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  // --------------------------------------------------------------------------------------------- names

  /** Physical names known before anything is created (the role policies need them before the emulator starts). */
  private void names() {
    for (String id : template.resources().keySet()) {
      JsonNode p = template.properties(id);
      switch (template.type(id)) {
        case "AWS::AutoScaling::AutoScalingGroup" -> define(id, name(p, "AutoScalingGroupName", id, 255));
        case "AWS::Lambda::Function" -> {
          String name = name(p, "FunctionName", id, 64);
          physical.put(id, name);
          in.defineRef(id, name);
          in.defineAttribute(id, "Arn", functionArn(name));
          accessKeys.put(id, "AKIA" + String.format("%016X", (long) (template.stackName() + "/" + id).hashCode() & 0xFFFFFFFFL));
        }
        case "AWS::IAM::Role" -> {
          String name = name(p, "RoleName", id, 64);
          define(id, name);
          in.defineAttribute(id, "Arn", "arn:aws:iam::" + ACCOUNT + ":role/" + name);
          in.defineAttribute(id, "RoleId", "AROA" + id.toUpperCase().replaceAll("[^A-Z0-9]", "").substring(0, Math.min(16, id.length())));
        }
        case "AWS::IAM::Policy" -> define(id, name(p, "PolicyName", id, 128));
        case "AWS::Events::Rule" -> {
          String name = name(p, "Name", id, 64);
          define(id, name);
          in.defineAttribute(id, "Arn", "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + name);
        }
        case "AWS::Lambda::Permission" -> define(id, id);
        default -> { }
      }
    }
    // Versions and aliases name their function, whose name is known now.
    for (String id : template.resources().keySet()) {
      JsonNode p = template.properties(id);
      switch (template.type(id)) {
        case "AWS::Lambda::Version" -> {
          String arn = functionArn(physicalOfFunction(p.path("FunctionName"))) + ":1";
          define(id, arn);
          in.defineAttribute(id, "Version", "1");
        }
        case "AWS::Lambda::Alias" -> {
          String alias = in.text(p.path("Name"));
          define(id, functionArn(physicalOfFunction(p.path("FunctionName"))) + ":" + alias);
        }
        default -> { }
      }
    }
  }

  private void define(String id, String value) {
    physical.put(id, value);
    in.defineRef(id, value);
  }

  private String name(JsonNode p, String property, String id, int max) {
    if (p.has(property)) {
      return in.text(p.get(property));
    }
    // CloudFormation makes up a name from the stack's and the logical id; so does the replay, readably.
    String made = template.stackName() + "-" + id;
    return made.length() > max ? made.substring(0, max) : made;
  }

  private String physicalOfFunction(JsonNode ref) {
    String text = in.text(ref);
    // A function is named by its name or its ARN.
    return text.startsWith("arn:") ? text.substring(text.lastIndexOf(':') + 1) : text;
  }

  private static String functionArn(String name) {
    return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
  }

  private static String notModeled(String id) {
    return "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":not-modeled/" + id;
  }

  // ------------------------------------------------------------------------------------------ policies

  /** Each invoked function's role policy: its inline policies and the IAM::Policy resources naming the role. */
  private Map<String, String> rolePolicies() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String functionId : template.ofType("AWS::Lambda::Function")) {
      if (!invokedByARule(functionId)) {
        continue;
      }
      JsonNode roleRef = template.properties(functionId).path("Role");
      String roleId = roleRef.path("Fn::GetAtt").path(0).asText(roleRef.path("Fn::GetAtt").asText("").split("\\.")[0]);
      if (roleId.isEmpty() || !template.resources().containsKey(roleId)) {
        throw new IllegalArgumentException("function " + functionId + " has a role the template does not define: " + roleRef);
      }
      ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
      ArrayNode statements = policy.putArray("Statement");
      JsonNode role = template.properties(roleId);
      role.path("Policies").forEach(p -> p.path("PolicyDocument").path("Statement").forEach(s -> statements.add(in.resolve(s))));
      for (JsonNode managed : role.path("ManagedPolicyArns")) {
        plan.add("not modeled: managed policy " + in.text(managed) + " on " + roleId + " (its document is not in the template;"
            + " calls only it allows are denied)");
      }
      for (String policyId : template.ofType("AWS::IAM::Policy")) {
        JsonNode p = template.properties(policyId);
        for (JsonNode attached : p.path("Roles")) {
          if (Intrinsics.refersTo(attached, roleId)) {
            p.path("PolicyDocument").path("Statement").forEach(s -> statements.add(in.resolve(s)));
          }
        }
      }
      out.put(functionId, policy.toString());
    }
    return out;
  }

  private boolean invokedByARule(String functionId) {
    for (String ruleId : template.ofType("AWS::Events::Rule")) {
      for (JsonNode t : template.properties(ruleId).path("Targets")) {
        if (functionOf(t.path("Arn")).filter(functionId::equals).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The logical id of the function a target ARN names, directly or through an alias or version. */
  private Optional<String> functionOf(JsonNode arn) {
    for (String id : template.resources().keySet()) {
      if (!Intrinsics.refersTo(arn, id)) {
        continue;
      }
      switch (template.type(id)) {
        case "AWS::Lambda::Function":
          return Optional.of(id);
        case "AWS::Lambda::Alias":
        case "AWS::Lambda::Version":
          for (String f : template.ofType("AWS::Lambda::Function")) {
            if (Intrinsics.refersTo(template.properties(id).path("FunctionName"), f)) {
              return Optional.of(f);
            }
          }
          return Optional.empty();
        default:
          return Optional.empty();
      }
    }
    return Optional.empty();
  }

  // -------------------------------------------------------------------------------------------- create

  private void create(String id) {
    JsonNode p = template.properties(id);
    switch (template.type(id)) {
      case "AWS::EC2::LaunchTemplate" -> launchTemplate(id, p);
      case "AWS::AutoScaling::AutoScalingGroup" -> group(id, p);
      case "AWS::AutoScaling::WarmPool" -> warmPool(id, p);
      case "AWS::AutoScaling::LifecycleHook" -> hook(id, p);
      case "AWS::Events::Rule" -> rule(id, p);
      case "AWS::Lambda::Function" -> function(id, p);
      case "AWS::Lambda::EventInvokeConfig" -> invokeConfig(id, p);
      case "AWS::Lambda::Alias", "AWS::Lambda::Version", "AWS::Lambda::Permission", "AWS::IAM::Role",
          "AWS::IAM::Policy" -> plan.add("created: " + id + " (" + template.type(id) + ")");
      default -> { }
    }
  }

  private void launchTemplate(String id, JsonNode p) {
    String name = name(p, "LaunchTemplateName", id, 128);
    JsonNode data = p.path("LaunchTemplateData");
    String templateId = createLaunchTemplate(name, in.text(data.path("ImageId")),
        data.has("InstanceType") ? in.text(data.path("InstanceType")) : null);
    define(id, templateId);
    in.defineAttribute(id, "LaunchTemplateId", templateId);
    in.defineAttribute(id, "LatestVersionNumber", "1");
    in.defineAttribute(id, "DefaultVersionNumber", "1");
    plan.add("created: " + id + " (launch template " + name + ", " + templateId + ", boot profile " + options.bootProfile
        + ", health port " + healthPort() + ")");
  }

  private void group(String id, JsonNode p) {
    String name = physical.get(id);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("Action", "CreateAutoScalingGroup");
    q.put("Version", "2011-01-01");
    q.put("AutoScalingGroupName", name);
    q.put("MinSize", in.text(p.path("MinSize")));
    q.put("MaxSize", in.text(p.path("MaxSize")));
    if (p.has("DesiredCapacity")) {
      q.put("DesiredCapacity", in.text(p.path("DesiredCapacity")));
    }
    JsonNode lt = p.path("LaunchTemplate");
    if (lt.isMissingNode()) {
      throw new IllegalArgumentException("group " + id + ": only a LaunchTemplate is modeled (not a MixedInstancesPolicy"
          + " or a launch configuration)");
    }
    if (lt.has("LaunchTemplateId")) {
      q.put("LaunchTemplate.LaunchTemplateId", in.text(lt.path("LaunchTemplateId")));
    } else {
      q.put("LaunchTemplate.LaunchTemplateName", in.text(lt.path("LaunchTemplateName")));
    }
    q.put("LaunchTemplate.Version", lt.has("Version") ? in.text(lt.path("Version")) : "$Default");
    int n = 1;
    for (JsonNode spec : p.path("LifecycleHookSpecificationList")) {
      putHookParams(q, "LifecycleHookSpecificationList.member." + n + ".", spec);
      n++;
    }
    query(q);
    groups.add(name);
    plan.add("created: " + id + " (group " + name + ", " + (n - 1) + " hook(s) with it)");
  }

  private void putHookParams(Map<String, String> q, String prefix, JsonNode spec) {
    q.put(prefix + "LifecycleHookName", in.text(spec.path("LifecycleHookName")));
    q.put(prefix + "LifecycleTransition", in.text(spec.path("LifecycleTransition")));
    for (String optional : List.of("HeartbeatTimeout", "DefaultResult", "NotificationMetadata")) {
      if (spec.has(optional)) {
        q.put(prefix + optional, in.text(spec.path(optional)));
      }
    }
  }

  private void warmPool(String id, JsonNode p) {
    String group = in.text(p.path("AutoScalingGroupName"));
    Map<String, String> q = new LinkedHashMap<>();
    q.put("Action", "PutWarmPool");
    q.put("Version", "2011-01-01");
    q.put("AutoScalingGroupName", group);
    for (String optional : List.of("MinSize", "MaxGroupPreparedCapacity", "PoolState")) {
      if (p.has(optional)) {
        q.put(optional, in.text(p.path(optional)));
      }
    }
    if (p.path("InstanceReusePolicy").has("ReuseOnScaleIn")) {
      q.put("InstanceReusePolicy.ReuseOnScaleIn", in.text(p.path("InstanceReusePolicy").path("ReuseOnScaleIn")));
    }
    query(q);
    plan.add("created: " + id + " (warm pool of " + group + ")");
  }

  private void hook(String id, JsonNode p) {
    String group = in.text(p.path("AutoScalingGroupName"));
    boolean standIn = !groupExists(group);
    if (standIn) {
      standInGroup(group);
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put("Action", "PutLifecycleHook");
    q.put("Version", "2011-01-01");
    q.put("AutoScalingGroupName", group);
    putHookParams(q, "", p);
    query(q);
    define(id, in.text(p.path("LifecycleHookName")));
    plan.add("created: " + id + " (hook " + physical.get(id) + " on " + group + ")");
    if (standIn && options.standInWarmPool > 0) {
      Map<String, String> w = new LinkedHashMap<>();
      w.put("Action", "PutWarmPool");
      w.put("Version", "2011-01-01");
      w.put("AutoScalingGroupName", group);
      w.put("MinSize", Integer.toString(options.standInWarmPool));
      w.put("PoolState", "Stopped");
      query(w);
      plan.add("not in the template: warm pool of " + group + " (created after the hook: MinSize "
          + options.standInWarmPool + ", Stopped)");
    }
  }

  /**
   * Creates a launch template through the emulator's EC2 API, tagged with the replay's boot profile and health port.
   *
   * @param instanceType the instance type, or null to leave it unset
   * @return the new template's id
   */
  private String createLaunchTemplate(String name, String imageId, String instanceType) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("Action", "CreateLaunchTemplate");
    q.put("Version", "2016-11-15");
    q.put("LaunchTemplateName", name);
    q.put("LaunchTemplateData.ImageId", imageId);
    if (instanceType != null) {
      q.put("LaunchTemplateData.InstanceType", instanceType);
    }
    q.put("TagSpecification.1.ResourceType", "launch-template");
    q.put("TagSpecification.1.Tag.1.Key", BootProfile.TAG);
    q.put("TagSpecification.1.Tag.1.Value", options.bootProfile);
    q.put("TagSpecification.1.Tag.2.Key", BootProfile.HEALTH_PORT_TAG);
    q.put("TagSpecification.1.Tag.2.Value", Integer.toString(healthPort()));
    Matcher m = LT_ID.matcher(query(q));
    if (!m.find()) {
      throw new IllegalStateException("the emulator's CreateLaunchTemplate answer names no launch template id");
    }
    return m.group(1);
  }

  /** The group a hook names but the template does not create: an existing group, made locally as it is described. */
  private void standInGroup(String group) {
    String templateId = createLaunchTemplate(group + "-lt", "ami-0abcdef1234567890", "t3.medium");
    Map<String, String> q = new LinkedHashMap<>();
    q.put("Action", "CreateAutoScalingGroup");
    q.put("Version", "2011-01-01");
    q.put("AutoScalingGroupName", group);
    q.put("MinSize", "0");
    q.put("MaxSize", Integer.toString(options.standInMaxSize));
    q.put("DesiredCapacity", "0");
    q.put("LaunchTemplate.LaunchTemplateId", templateId);
    q.put("LaunchTemplate.Version", "$Latest");
    query(q);
    groups.add(group);
    plan.add("not in the template: group " + group + " (an existing group; created empty: MinSize 0, MaxSize "
        + options.standInMaxSize + ", boot profile " + options.bootProfile + ")");
  }

  private boolean groupExists(String group) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("Action", "DescribeAutoScalingGroups");
    q.put("Version", "2011-01-01");
    q.put("AutoScalingGroupNames.member.1", group);
    if (query(q).contains("<AutoScalingGroupName>" + group + "</AutoScalingGroupName>")) {
      groups.add(group);
      return true;
    }
    return false;
  }

  private void rule(String id, JsonNode p) {
    String name = physical.get(id);
    String arn = "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + name;
    ObjectNode put = JSON.createObjectNode().put("Name", name);
    Optional<RulePattern> pattern = Optional.empty();
    if (p.has("EventPattern")) {
      JsonNode resolved = in.resolve(p.path("EventPattern"));
      pattern = Optional.of(RulePattern.of(resolved));
      put.put("EventPattern", resolved.toString());
    }
    if (p.has("ScheduleExpression")) {
      put.put("ScheduleExpression", in.text(p.path("ScheduleExpression")));
    }
    String state = p.path("State").asText("ENABLED");
    put.put("State", state);
    eventBridge("PutRule", put);
    ObjectNode targets = JSON.createObjectNode().put("Rule", name);
    ArrayNode list = targets.putArray("Targets");
    List<Target> hosted = new ArrayList<>();
    for (JsonNode t : p.path("Targets")) {
      String targetArn = in.text(t.path("Arn"));
      list.addObject().put("Id", in.text(t.path("Id"))).put("Arn", targetArn);
      Optional<String> function = functionOf(t.path("Arn"));
      if (function.isEmpty()) {
        plan.add("not delivered: target " + targetArn + " of rule " + name + " (only Lambda function targets are)");
        continue;
      }
      JsonNode retry = t.path("RetryPolicy");
      // EventBridge's defaults for a target without a RetryPolicy: 185 retries over 24 hours.
      hosted.add(new Target(function.get(), targetArn.substring(targetArn.indexOf(":function:") + 10).contains(":")
          ? targetArn.substring(targetArn.lastIndexOf(':') + 1) : "$LATEST",
          t.path("DeadLetterConfig").has("Arn") ? in.text(t.path("DeadLetterConfig").path("Arn")) : "",
          retry.has("MaximumRetryAttempts") ? in.integer(retry.path("MaximumRetryAttempts")) : 185,
          Duration.ofSeconds(retry.has("MaximumEventAgeInSeconds") ? in.integer(retry.path("MaximumEventAgeInSeconds")) : 86_400)));
    }
    if (!list.isEmpty()) {
      eventBridge("PutTargets", targets);
    }
    if (state.equals("ENABLED")) {
      rules.add(new Rule(id, name, arn, pattern, List.copyOf(hosted)));
    }
    plan.add("created: " + id + " (rule " + name + ", " + (pattern.isPresent() ? "pattern" : "schedule "
        + p.path("ScheduleExpression").asText()) + ", " + hosted.size() + " function target(s), " + state + ")");
  }

  private void function(String id, JsonNode p) {
    String name = physical.get(id);
    if (!invokedByARule(id)) {
      plan.add("not run: function " + id + " (no rule invokes it)");
      return;
    }
    Path code = asset(id, p.path("Code"));
    Map<String, String> env = new LinkedHashMap<>();
    p.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), in.text(e.getValue())));
    // How the function finds this machine's endpoint and signs as its role (whose policy the emulator enforces).
    env.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", accessKeys.get(id));
    env.put("AWS_SECRET_ACCESS_KEY", "local-replay");
    env.put("AWS_REGION", REGION);
    env.putAll(options.functionEnvironment);
    FunctionConfig config = new FunctionConfig(name, functionArn(name), code, in.text(p.path("Handler")),
        in.text(p.path("Runtime")), p.has("MemorySize") ? in.integer(p.path("MemorySize")) : 128,
        Duration.ofSeconds(p.has("Timeout") ? in.integer(p.path("Timeout")) : 3), env);
    LambdaHost host = LambdaHost.start(config, options.workDir.resolve(name), options.maxConcurrency);
    hosts.put(id, host);
    plan.add("created: " + id + " (function " + name + ", " + config.runtime() + ", " + config.memoryMb() + " MB, timeout "
        + config.timeout().toSeconds() + " s, code " + code.getFileName() + ", run by the Lambda host; logs in "
        + options.workDir.resolve(name).resolve("logs") + ")");
    if (p.has("DeadLetterConfig")) {
      physical.put(id + "#dlq", in.text(p.path("DeadLetterConfig").path("TargetArn")));
    }
  }

  /** The function's code: the asset file the template's S3Key names in the assets manifest beside it. */
  private Path asset(String id, JsonNode code) {
    if (code.has("ZipFile") || code.has("ImageUri")) {
      throw new IllegalArgumentException("function " + id + ": only code from a file asset is run (not ZipFile or ImageUri)");
    }
    String key = in.text(code.path("S3Key"));
    try (var manifests = Files.list(options.assetsDir)) {
      for (Path manifest : manifests.filter(f -> f.getFileName().toString().endsWith(".assets.json")).toList()) {
        JsonNode files = JSON.readTree(manifest.toFile()).path("files");
        for (JsonNode file : files) {
          for (JsonNode destination : file.path("destinations")) {
            if (key.equals(destination.path("objectKey").asText())) {
              if (!"file".equals(file.path("source").path("packaging").asText())) {
                throw new IllegalArgumentException("function " + id + ": asset " + key + " is a directory; only a file asset"
                    + " (a jar or zip, uploaded as is) is run");
              }
              Path source = options.assetsDir.resolve(file.path("source").path("path").asText()).normalize();
              if (!source.startsWith(options.assetsDir)) {
                throw new IllegalArgumentException("asset path escapes " + options.assetsDir + ": " + source);
              }
              return source;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the assets manifests in " + options.assetsDir, e);
    }
    throw new IllegalArgumentException("function " + id + ": no *.assets.json in " + options.assetsDir
        + " names the code's S3Key " + key);
  }

  private void invokeConfig(String id, JsonNode p) {
    String function = physicalOfFunction(p.path("FunctionName"));
    String qualifier = in.text(p.path("Qualifier"));
    AsyncInvokeConfig config = new AsyncInvokeConfig(
        p.has("MaximumRetryAttempts") ? in.integer(p.path("MaximumRetryAttempts")) : 2,
        Duration.ofSeconds(p.has("MaximumEventAgeInSeconds") ? in.integer(p.path("MaximumEventAgeInSeconds")) : 21_600));
    invokeConfigs.put(function + ":" + qualifier, config);
    plan.add("created: " + id + " (invoke config of " + function + ":" + qualifier + ": " + config.maximumRetryAttempts()
        + " retries, event age " + config.maximumEventAge().toSeconds() + " s)");
  }

  // ------------------------------------------------------------------------------------------ delivery

  private void onEvent(String json) {
    JsonNode event;
    try {
      event = JSON.readTree(json);
    } catch (IOException e) {
      return;
    }
    for (Rule rule : rules) {
      if (rule.pattern().isPresent() && rule.pattern().get().matches(event)) {
        deliver(rule, json);
      }
    }
  }

  private void deliver(Rule rule, String payload) {
    for (Target target : rule.targets()) {
      LambdaHost host = hosts.get(target.functionId());
      if (host == null) {
        continue;
      }
      String name = host.function().name();
      AsyncInvokeConfig config = invokeConfigs.getOrDefault(name + ":" + target.qualifier(), AsyncInvokeConfig.DEFAULT);
      String dlq = physical.getOrDefault(target.functionId() + "#dlq", "");
      delivered.incrementAndGet();
      // Lambda accepts an asynchronous invocation at once; EventBridge's RetryPolicy and DLQ apply only when it
      // cannot deliver it (here: the host is gone).
      if (!host.invokeAsync(payload, config, dlq.isEmpty() ? "(function has no dead-letter queue)" : dlq)) {
        host.deadLetter(target.deadLetterQueue().isEmpty() ? "(rule target has no dead-letter queue)" : target.deadLetterQueue(),
            payload, 0, "rule " + rule.name() + " could not deliver to " + name);
      }
    }
  }

  private void startSchedules() {
    for (Rule rule : rules) {
      JsonNode p = template.properties(rule.logicalId());
      if (!p.has("ScheduleExpression")) {
        continue;
      }
      String expression = in.text(p.path("ScheduleExpression"));
      Matcher m = RATE.matcher(expression);
      if (!m.matches()) {
        plan.add("not modeled: schedule " + expression + " of rule " + rule.name() + " (only rate(...) fires)");
        continue;
      }
      long n = Long.parseLong(m.group(1));
      Duration period = switch (m.group(2)) {
        case "minute", "minutes" -> Duration.ofMinutes(n);
        case "hour", "hours" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      schedules.scheduleAtFixedRate(() -> {
        scheduled.incrementAndGet();
        deliver(rule, scheduledEvent(rule));
      }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static String scheduledEvent(Rule rule) {
    ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
        .put("detail-type", "Scheduled Event").put("source", "aws.events").put("account", ACCOUNT)
        .put("time", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).put("region", REGION);
    event.putArray("resources").add(rule.arn());
    event.putObject("detail");
    return event.toString();
  }

  // ------------------------------------------------------------------------------------------- the API

  private String query(Map<String, String> params) {
    StringBuilder body = new StringBuilder();
    params.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
    return send(HttpRequest.newBuilder(emulator.endpoint()).header("Content-Type",
        "application/x-www-form-urlencoded; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body.toString())),
        params.get("Action"));
  }

  private void eventBridge(String action, ObjectNode body) {
    send(HttpRequest.newBuilder(emulator.endpoint()).header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "AWSEvents." + action).POST(HttpRequest.BodyPublishers.ofString(body.toString())), action);
  }

  private String send(HttpRequest.Builder request, String action) {
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException("the emulator refused " + action + " (" + r.statusCode() + "): " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the emulator for " + action, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + action, e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private int healthPort() {
    if (options.healthPort > 0) {
      return options.healthPort;
    }
    // The gate's own HTTP probe port, from the first hook's metadata, so the simulated instances serve it.
    for (String id : template.resources().keySet()) {
      List<JsonNode> specs = new ArrayList<>();
      if (template.type(id).equals("AWS::AutoScaling::LifecycleHook")) {
        specs.add(template.properties(id));
      }
      template.properties(id).path("LifecycleHookSpecificationList").forEach(specs::add);
      for (JsonNode spec : specs) {
        if (spec.path("NotificationMetadata").isTextual()) {
          try {
            int port = JSON.readTree(spec.path("NotificationMetadata").asText()).path("warmgate").path("http").path("port").asInt(0);
            if (port > 0) {
              return port;
            }
          } catch (IOException e) {
            // Not JSON: not warmgate's metadata.
          }
        }
      }
    }
    return 80;
  }

  // ------------------------------------------------------------------------------------------ accessors

  /** What the replay did and did not model, one line per resource. */
  public List<String> plan() {
    return List.copyOf(plan);
  }

  /** The running emulator. */
  public WarmPoolEmulator emulator() {
    return emulator;
  }

  /** The Lambda host of each function a rule invokes, by logical id. */
  public Map<String, LambdaHost> hosts() {
    return Map.copyOf(hosts);
  }

  /** The one hosted function's host. */
  public LambdaHost host() {
    if (hosts.size() != 1) {
      throw new IllegalStateException("the stack has " + hosts.size() + " hosted functions, not one");
    }
    return hosts.values().iterator().next();
  }

  /** The groups the replay created or found, by name. */
  public List<String> groups() {
    return List.copyOf(groups);
  }

  /** How many events rules delivered to functions (lifecycle events and schedules). */
  public int delivered() {
    return delivered.get();
  }

  /** How many times a schedule fired. */
  public int scheduled() {
    return scheduled.get();
  }

  /** Stops the schedules, every function's environments and the emulator. */
  @Override
  public void close() {
    schedules.shutdownNow();
    hosts.values().forEach(LambdaHost::close);
    if (emulator != null) {
      emulator.close();
    }
  }

  /** Options for a replay; see {@link StackReplay#builder(Path)}. Not thread-safe. */
  public static final class StackReplayBuilder {
    final StackTemplate template;
    Path assetsDir;
    Map<String, String> parameters = Map.of();
    Map<String, String> functionEnvironment = Map.of();
    WarmPoolEmulatorBuilder emulator = WarmPoolEmulator.builder();
    Path workDir;
    String bootProfile = "windows";
    int healthPort;
    int maxConcurrency = 8;
    int standInMaxSize = 3;
    int standInWarmPool = 2;
    Consumer<String> out = line -> { };

    StackReplayBuilder(StackTemplate template, Path assetsDir) {
      this.template = Objects.requireNonNull(template, "template");
      this.assetsDir = Objects.requireNonNull(assetsDir, "assetsDir").toAbsolutePath().normalize();
    }

    /** Values for the template's parameters (required for SSM-typed ones and those without a default). */
    public StackReplayBuilder parameters(Map<String, String> values) {
      this.parameters = Map.copyOf(values);
      return this;
    }

    /** The emulator to start (its speed is set to 1: the function runs on real time). */
    public StackReplayBuilder emulator(WarmPoolEmulatorBuilder builder) {
      this.emulator = Objects.requireNonNull(builder, "builder");
      return this;
    }

    /** Where the hosts unpack code and keep logs (default: a new temporary directory). */
    public StackReplayBuilder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** The boot profile the replayed launch templates get (default {@code windows}). */
    public StackReplayBuilder bootProfile(String name) {
      this.bootProfile = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The port instances serve health on (default: the hook metadata's {@code warmgate.http.port}, else 80). */
    public StackReplayBuilder healthPort(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("health port must be 1 to 65535: " + port);
      }
      this.healthPort = port;
      return this;
    }

    /** The most execution environments per function at once (default 8; a guard for this machine). */
    public StackReplayBuilder maxConcurrency(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConcurrency must be positive: " + n);
      }
      this.maxConcurrency = n;
      return this;
    }

    /**
     * How a group that a hook names but the template does not create is made locally: its MaxSize and the warm
     * pool put on it after the hook (0 for none). Defaults: 3 and 2.
     */
    public StackReplayBuilder standInGroup(int maxSize, int warmPoolMinSize) {
      if (maxSize < 1 || warmPoolMinSize < 0 || warmPoolMinSize > maxSize) {
        throw new IllegalArgumentException("stand-in group: 1 <= maxSize, 0 <= warm pool <= maxSize");
      }
      this.standInMaxSize = maxSize;
      this.standInWarmPool = warmPoolMinSize;
      return this;
    }

    /** Extra variables for the hosted functions, over the template's (e.g. a log level). */
    public StackReplayBuilder functionEnvironment(Map<String, String> env) {
      this.functionEnvironment = Map.copyOf(env);
      return this;
    }

    /** Where the plan's lines go as the replay starts (default: nowhere; {@link StackReplay#plan()} keeps them). */
    public StackReplayBuilder out(Consumer<String> out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /**
     * Starts the emulator and replays the stack.
     *
     * @throws UnresolvableIntrinsicException naming an intrinsic the replay cannot resolve
     * @throws IllegalArgumentException if the template holds what the replay refuses (named in the message)
     */
    public StackReplay start() {
      if (workDir == null) {
        try {
          workDir = Files.createTempDirectory("warmgate-stack-");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create a work directory", e);
        }
      }
      return new StackReplay(this).start();
    }
  }
}
