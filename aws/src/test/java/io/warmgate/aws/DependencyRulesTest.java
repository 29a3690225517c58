package io.warmgate.aws;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapters' layout rules, checked on the compiled main classes. */
class DependencyRulesTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.warmgate.aws");

  @Test
  void theAdaptersNeverReachTheEmulatorOrTheRunners() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("io.warmgate.emulator..", "io.warmgate.lambda..", "io.warmgate.cli..", "io.warmgate.cdk..")
        .check(MAIN);
  }

  @Test
  void eventParsingNeedsNoAwsSdk() {
    noClasses().that().resideInAPackage("io.warmgate.aws.event..")
        .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
        .check(MAIN);
  }

  @Test
  void oneServicePackageNeverUsesAnother() {
    slices().matching("io.warmgate.aws.(*)..").namingSlices("$1")
        .should().notDependOnEachOther()
        .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("io.warmgate.aws.internal.."))
        // The inbound side (the dispatcher, and the log lines of what it and the gate report) takes parsed
        // events; it is no service package, and the next rule keeps the adapters from reaching it.
        .ignoreDependency(
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage("io.warmgate.aws.runner..", "io.warmgate.aws.log.."),
            com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
        .check(MAIN);
  }

  @Test
  void theAdaptersNeverReachTheInboundSide() {
    noClasses().that().resideOutsideOfPackages("io.warmgate.aws.runner..", "io.warmgate.aws.log..")
        .should().dependOnClassesThat().resideInAnyPackage("io.warmgate.aws.runner..", "io.warmgate.aws.log..")
        .check(MAIN);
  }
}
