package org.delta4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages depend on each other one way, as README's Layout draws them: {@code nn <-
 * backbone <- tree <- delta <- delta.<method> <- delta.methods <- checkpoint}, with {@code io}
 * below {@code models} and {@code checkpoint}, and {@code models.hf} the one package that knows
 * every architecture.
 */
class LayeringTest {
    private static JavaClasses runtime;

    @BeforeAll
    static void importRuntime() {
        runtime =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages("org.delta4j");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("org.delta4j.(**)").should().beFreeOfCycles().check(runtime);
    }

    @Test
    void deltaCoreKnowsNoMethodAndNoModel() {
        noClasses()
                .that()
                .resideInAPackage("org.delta4j.delta")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.delta4j.delta.methods..",
                        "org.delta4j.delta.lora..",
                        "org.delta4j.delta.adapter..",
                        "org.delta4j.models..",
                        "org.delta4j.checkpoint..",
                        "org.delta4j.io..")
                .check(runtime);
    }

    @Test
    void modelsKnowNoDeltaAndNoCheckpoint() {
        noClasses()
                .that()
                .resideInAPackage("org.delta4j.models..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.delta4j.delta..", "org.delta4j.checkpoint..")
                .check(runtime);
    }

    @Test
    void ioAndNnAreTheBottom() {
        noClasses()
                .that()
                .resideInAnyPackage("org.delta4j.io..", "org.delta4j.nn..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.delta4j.backbone..",
                        "org.delta4j.tree..",
                        "org.delta4j.models..",
                        "org.delta4j.delta..",
                        "org.delta4j.checkpoint..")
                .check(runtime);
    }
}
