package io.warmgate.emulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The emulator meets the gate only on the wire: it never imports the gate or the AWS SDK. */
class DependencyRuleTest {
  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.warmgate.emulator");

  @Test
  void theEmulatorDoesNotDependOnTheGate() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "io.warmgate.core..", "io.warmgate.aws..", "io.warmgate.lambda..", "io.warmgate.cli..")
        .check(classes);
  }

  @Test
  void theEmulatorDoesNotUseTheAwsSdk() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..").check(classes);
  }

  @Test
  void theEngineDoesNotKnowTheWireProtocols() {
    noClasses().that().resideInAPackage("..internal.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("..internal.http..", "io.netty..")
        .check(classes);
  }

  @Test
  void iamKnowsNeitherTheEngineNorTheWire() {
    noClasses().that().resideInAPackage("..internal.iam..")
        .should().dependOnClassesThat().resideInAnyPackage("..internal.engine..", "..internal.http..", "io.netty..")
        .check(classes);
  }
}
