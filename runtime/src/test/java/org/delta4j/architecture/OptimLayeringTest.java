package org.delta4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Optimizers, schedules and clipping use nothing of delta4j but {@code nn} and {@code io}. */
class OptimLayeringTest {

    @Test
    void optimDependsOnlyOnNnAndIo() {
        JavaClasses runtime =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.delta4j");
        noClasses()
                .that()
                .resideInAPackage("org.delta4j.train.optim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.delta4j",
                        "org.delta4j.backbone..",
                        "org.delta4j.tree..",
                        "org.delta4j.models..",
                        "org.delta4j.delta..",
                        "org.delta4j.checkpoint..",
                        "org.delta4j.train",
                        "org.delta4j.train.data..",
                        "org.delta4j.train.task..")
                .check(runtime);
    }
}
