package io.warmgate.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.warmgate.aws.autoscaling.AutoScalingInstances;
import io.warmgate.aws.autoscaling.AutoScalingLifecycleActions;
import io.warmgate.aws.autoscaling.AutoScalingLifecycleHooks;
import io.warmgate.aws.autoscaling.AutoScalingWaitingInstances;
import io.warmgate.aws.autoscaling.ScalingActivityLaunchOrigins;
import io.warmgate.aws.autoscaling.TaggedManagedGroups;
import io.warmgate.aws.ec2.Ec2ConsoleOutputs;
import io.warmgate.aws.ec2.Ec2InstanceStatusChecks;
import io.warmgate.aws.iam.GateAction.Need;
import io.warmgate.aws.iam.GateAction.Scope;
import io.warmgate.testing.EmulatedAws;
import io.warmgate.core.model.LifecycleAction;
import io.warmgate.core.model.LifecycleResult;
import io.warmgate.core.model.Location;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Holds {@link GateActions} to what the adapters really call: once by reading every SDK client call in
 * the module's compiled main classes (so a new call anywhere fails this test), once by recording the
 * operations each adapter sends to the emulator.
 */
class GateActionsTest {

  /** The adapters' actions: the queue reader's are the CLI's, held to its bytecode there. */
  private static final List<GateAction> ADAPTERS =
      GateActions.ALL.stream().filter(a -> a.need() != Need.QUEUE_RUNNER).toList();

  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.warmgate.aws");

  /** "adapter -> action" for every Auto Scaling or EC2 operation called from the main classes. */
  private static Set<String> callsInBytecode() {
    Set<String> calls = new TreeSet<>();
    for (JavaClass c : MAIN) {
      if (c.getPackageName().equals("io.warmgate.aws.doctor")) {
        continue; // warmgate doctor's read-only calls, made with the user's credentials, not the gate's role
      }
      for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
        JavaClass owner = call.getTargetOwner();
        String service = owner.isAssignableTo(AutoScalingClient.class) ? "autoscaling"
            : owner.isAssignableTo(Ec2Client.class) ? "ec2" : null;
        String returned = call.getTarget().getRawReturnType().getName();
        // Operations return a response, paginators an iterable; close() and the like are not calls to AWS.
        if (service != null && (returned.endsWith("Response") || returned.endsWith("Iterable"))) {
          String operation = call.getName().replaceFirst("Paginator$", "");
          calls.add(topLevel(c) + " -> " + service + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
        }
      }
    }
    return calls;
  }

  private static String topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top.getSimpleName();
  }

  @Test
  void listsExactlyTheOperationsTheAdaptersCallInTheirBytecode() {
    Set<String> listed = new TreeSet<>();
    ADAPTERS.forEach(a -> a.calledBy().forEach(adapter -> listed.add(adapter + " -> " + a.action())));

    assertThat(callsInBytecode()).isNotEmpty().isEqualTo(listed);
  }

  @Test
  void everyListedActionIsOnceInTheList() {
    assertThat(GateActions.ALL).extracting(GateAction::action).doesNotHaveDuplicates();
  }

  @Test
  void onlyTheLifecycleActionCallsAreScopedToTheGroup() {
    // AWS supports resource-level permissions for these two; every describe needs "*".
    assertThat(GateActions.names(GateActions.ALL, Scope.GROUP))
        .containsExactly("autoscaling:RecordLifecycleActionHeartbeat", "autoscaling:CompleteLifecycleAction");
    assertThat(GateActions.names(GateActions.ALL, Scope.ANY)).allMatch(a -> a.contains(":Describe"));
    assertThat(GateActions.names(GateActions.ALL, Scope.QUEUE)).allMatch(a -> a.startsWith("sqs:"));
  }

  @Test
  void withoutTagDiscoveryTheGateNeverNeedsDescribeTags() {
    assertThat(GateActions.needed(false)).extracting(GateAction::action)
        .doesNotContain("autoscaling:DescribeTags")
        .contains("ec2:DescribeInstanceStatus", "autoscaling:DescribeWarmPool");
    assertThat(GateActions.needed(true, true)).isEqualTo(ADAPTERS);
    assertThat(GateActions.ALL).filteredOn(a -> a.need() == Need.TAG_DISCOVERY).extracting(GateAction::action)
        .containsExactly("autoscaling:DescribeTags");
  }

  @Test
  void onlyAPolicyWithTheConsoleProbeNeedsGetConsoleOutputAndOnlyOnInstances() {
    assertThat(GateActions.needed(true)).extracting(GateAction::action).doesNotContain("ec2:GetConsoleOutput");
    assertThat(GateActions.needed(false, true)).extracting(GateAction::action).contains("ec2:GetConsoleOutput");
    assertThat(GateActions.names(GateActions.ALL, Scope.INSTANCE)).containsExactly("ec2:GetConsoleOutput");
  }

  @Test
  void rejectsAnActionOutsideTheTwoServices() {
    assertThatThrownBy(() -> new GateAction("iam:PassRole", Scope.ANY, Need.ALWAYS, List.of("X"), "y"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iam:PassRole");
    assertThatThrownBy(() -> new GateAction("ec2:DescribeInstances", null, Need.ALWAYS, List.of("X"), "y"))
        .isInstanceOf(NullPointerException.class).hasMessage("scope");
  }

  /** Records "prefix:Operation" of every request a client sends. */
  record RecordingInterceptor(String prefix, Set<String> operations) implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      operations.add(prefix + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  }

  @Test
  void everyAdapterCallRecordedOnTheWireIsAListedAction() {
    Set<String> operations = new ConcurrentSkipListSet<>();
    try (EmulatedAws aws = EmulatedAws.start();
        SdkHttpClient http = UrlConnectionHttpClient.create()) {
      aws.groupWithWarmPool("web", "gate", 1, "{\"warmgate\":{}}");
      String id = aws.awaitWaitingInPool("web", 1).get(0);
      StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("gate", "gate"));
      try (AutoScalingClient autoScaling = AutoScalingClient.builder().httpClient(http).region(Region.US_EAST_1)
              .credentialsProvider(creds).endpointOverride(aws.emulator.endpoint())
              .overrideConfiguration(o -> o.addExecutionInterceptor(new RecordingInterceptor("autoscaling", operations))).build();
          Ec2Client ec2 = Ec2Client.builder().httpClient(http).region(Region.US_EAST_1)
              .credentialsProvider(creds).endpointOverride(aws.emulator.endpoint())
              .overrideConfiguration(o -> o.addExecutionInterceptor(new RecordingInterceptor("ec2", operations))).build()) {
        LifecycleAction action = LifecycleAction.discovered(
            "web", "gate", id, Optional.of(Location.EC2), Optional.of(Location.WARM_POOL));

        new TaggedManagedGroups(autoScaling, List.of("web"), "warmgate:managed").list();
        new AutoScalingWaitingInstances(autoScaling).list("web");
        new ScalingActivityLaunchOrigins(autoScaling, java.time.Clock.systemUTC()).launchedFrom("web", id);
        new AutoScalingLifecycleHooks(autoScaling).find("web", "gate");
        new AutoScalingInstances(autoScaling, ec2).describe(id);
        new Ec2InstanceStatusChecks(ec2).status(id);
        new Ec2ConsoleOutputs(ec2).read(id, false);
        AutoScalingLifecycleActions actions = new AutoScalingLifecycleActions(autoScaling);
        actions.recordHeartbeat(action);
        actions.complete(action, LifecycleResult.CONTINUE);
      }
    }

    assertThat(operations)
        .isEqualTo(ADAPTERS.stream().map(GateAction::action).collect(Collectors.toCollection(TreeSet::new)));
  }
}
