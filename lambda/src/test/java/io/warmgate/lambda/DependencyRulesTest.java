package io.warmgate.lambda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Lambda wires the core and the AWS adapters only; the emulator stays a test tool. */
class DependencyRulesTest {

  @Test
  void theDeployedCodeNeverUsesTheEmulatorOrTheAdaptersInternals() {
    JavaClasses main =
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.warmgate.lambda");

    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("io.warmgate.emulator..", "io.warmgate.cli..", "io.warmgate.aws.internal..")
        .check(main);
  }
}
