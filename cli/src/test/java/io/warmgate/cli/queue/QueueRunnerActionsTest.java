package io.warmgate.cli.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.warmgate.aws.iam.GateAction;
import io.warmgate.aws.iam.GateActions;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Holds the queue reader's entries in the IAM list ({@link GateActions}) to the SQS calls the CLI really makes. */
class QueueRunnerActionsTest {

  @Test
  void theIamListNamesExactlyTheSqsOperationsTheCliCalls() throws Exception {
    Set<String> called = new TreeSet<>();
    // The CLI's own compiled classes only (its directory or jar), not the whole class path.
    Path classes = Path.of(QueueRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(classes)) {
      for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
        if (call.getTargetOwner().isAssignableTo(SqsClient.class)
            && call.getTarget().getRawReturnType().getName().endsWith("Response")) {
          String top = c.getEnclosingClass().map(JavaClass::getSimpleName).orElse(c.getSimpleName());
          called.add(top + " -> sqs:" + Character.toUpperCase(call.getName().charAt(0)) + call.getName().substring(1));
        }
      }
    }
    Set<String> listed = new TreeSet<>();
    GateActions.ALL.stream().filter(a -> a.need() == GateAction.Need.QUEUE_RUNNER)
        .forEach(a -> a.calledBy().forEach(by -> listed.add(by + " -> " + a.action())));

    assertThat(called).isNotEmpty().isEqualTo(listed);
    assertThat(GateActions.needed(true)).as("the function's role never gets them").noneMatch(a -> a.service().equals("sqs"));
  }
}
