package io.warmgate.core.arch;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The core's dependency rules, as tests rather than sentences in a document. */
class DependencyRuleTest {

  private static final JavaClasses CORE =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.warmgate.core");

  @Test
  void theCoreDependsOnTheJdkOnly() {
    ArchRule rule = noClasses().that().resideInAPackage("io.warmgate.core..")
        .should().dependOnClassesThat().resideOutsideOfPackages("io.warmgate.core..", "java..", "javax..")
        .because("the core is JDK-only: adapters bring the AWS SDK and Jackson");
    rule.check(CORE);
  }

  @Test
  void theCoreNeverReadsTheWallClockNorSleeps() {
    ArchRule rule = noClasses().that().resideInAPackage("io.warmgate.core..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
        .because("time comes from the Scheduler port or an injected Clock");
    rule.check(CORE);
  }

  @Test
  void theCoreTimesNothingOnTheJdksRealTimeTimer() {
    // orTimeout and friends run on a JDK delay thread in real time, whatever the gate's clock says: under
    // the emulator's accelerated clock a 5 s probe cap lasted 5 real seconds, and continuations ran on
    // that thread. Every timeout goes through the Scheduler (io.warmgate.core.probe.Timeouts).
    ArchRule rule = noClasses().that().resideInAPackage("io.warmgate.core..")
        .should().callMethodWhere(target(nameMatching("orTimeout|completeOnTimeout|delayedExecutor"))
            .and(target(owner(assignableTo(CompletableFuture.class)))))
        .because("timeouts run on the Scheduler, so they follow the gate's (possibly accelerated or virtual) clock");
    rule.check(CORE);
  }

  @Test
  void theModelAndPortsDoNotDependOnTheGate() {
    noClasses().that().resideInAnyPackage("io.warmgate.core.model..", "io.warmgate.core.port..")
        .should().dependOnClassesThat().resideInAnyPackage("io.warmgate.core.gate..", "io.warmgate.core.probe..", "io.warmgate.core.policy..")
        .check(CORE);
  }
}
