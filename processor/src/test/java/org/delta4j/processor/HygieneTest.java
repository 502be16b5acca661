package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.delta4j.processor.Compilations.spec;
import static org.delta4j.processor.ErrorAssertions.assertError;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.delta4j.processor.model.Kind;
import org.delta4j.spec.Problem;
import org.junit.jupiter.api.Test;

/**
 * The processor's manners: repeated annotations alone are processed, errors inside them still point
 * into the source when javac's tree API is hidden (as Gradle's incremental compilation hides it),
 * the annotations need nothing but the JDK, and every problem has a compile-testing test.
 */
class HygieneTest {
    @Test
    void repeatedAnnotationsAloneAreProcessed() {
        JavaFileObject source =
                spec(
                        "@Lora(name = \"attn\", modules = \"q_proj\")",
                        "@Lora(name = \"ffn\",",
                        "      modules = \"fc1\")",
                        "interface Spec {}");
        Compilation compilation = Compilations.compile(source);
        assertThat(compilation).hadErrorCount(2);
        assertError(
                compilation,
                source,
                Problem.NO_BACKBONE,
                "@Lora needs a backbone",
                "@Lora(name = \"attn\"");
        assertError(
                compilation,
                source,
                Problem.NO_BACKBONE,
                "@Lora needs a backbone",
                "@Lora(name = \"ffn\"");
    }

    @Test
    void withoutJavacsTreeApiErrorsInRepeatedAnnotationsFallBackToTheType() {
        JavaFileObject source =
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(name = \"attn\", modules = \"q_proj\")",
                        "@Lora(name = \"ffn\",",
                        "      modules = \"fc9\")",
                        "interface Spec {}");
        Compilation compilation =
                Compiler.javac().withProcessors(new WrappedEnvironmentProcessor()).compile(source);
        assertThat(compilation).hadErrorCount(1);
        assertError(
                compilation,
                source,
                Problem.UNKNOWN_MODULE,
                "Module pattern \"fc9\"",
                "interface Spec");
    }

    @Test
    void withoutJavacsTreeApiOtherErrorsStillPointAtTheirValues() {
        JavaFileObject source =
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = \"fc2\",",
                        "         bottleneck = 0)",
                        "interface Spec {}");
        Compilation compilation =
                Compiler.javac().withProcessors(new WrappedEnvironmentProcessor()).compile(source);
        assertError(compilation, source, Problem.OUT_OF_RANGE, "bottleneck = 0", "bottleneck = 0");
    }

    @Test
    void theAnnotationsJarHasNoDependencies() throws Exception {
        assertThat(Files.readString(Path.of("../annotations/pom.xml")))
                .doesNotContain("<dependenc");
        for (Kind kind : Kind.values()) {
            Class<?> annotation = Class.forName(kind.annotationName());
            for (java.lang.reflect.Method m : annotation.getDeclaredMethods()) {
                Class<?> type =
                        m.getReturnType().isArray()
                                ? m.getReturnType().getComponentType()
                                : m.getReturnType();
                assertThat(type.isPrimitive() || type.getName().startsWith("java.lang.")).isTrue();
            }
        }
    }

    @Test
    void everyProblemHasACompileTest() throws IOException {
        StringBuilder tests = new StringBuilder();
        for (String file :
                new String[] {
                    "SpecErrorTest",
                    "ValueErrorTest",
                    "ModuleErrorTest",
                    "DeferralTest",
                    "HeadErrorTest"
                }) {
            tests.append(
                    Files.readString(
                            Path.of("src/test/java/org/delta4j/processor/" + file + ".java")));
        }
        for (Problem p : Problem.values()) {
            assertThat(tests.toString()).contains("Problem." + p.name() + ",");
        }
    }
}
