package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.delta4j.processor.Compilations.compile;
import static org.delta4j.processor.Compilations.compileWith;
import static org.delta4j.processor.Compilations.spec;
import static org.delta4j.processor.ErrorAssertions.assertError;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.delta4j.spec.Problem;
import org.junit.jupiter.api.Test;

/**
 * Specs whose values the compiler cannot resolve yet wait for the next round instead of failing or
 * silently getting no wiring; what never resolves is reported once, after the compiler's own
 * errors.
 */
class DeferralTest {
    private static final String WIRING = "test.SpecDelta";

    private static String wiring(Compilation compilation) throws IOException {
        assertThat(compilation).succeededWithoutWarnings();
        return compilation
                .generatedSourceFile(WIRING)
                .orElseThrow()
                .getCharContent(true)
                .toString();
    }

    @Test
    void resolvedSpecIsWrittenInTheFirstRound() {
        RoundRecorder recorder = new RoundRecorder(WIRING);
        Compilation compilation =
                compileWith(
                        List.of(recorder),
                        spec(
                                "@Backbone(\"facebook/bart-base\")",
                                "@Adapter(modules = \"fc2\")",
                                "interface Spec {}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(recorder.roundThatSaw()).isEqualTo(2);
    }

    @Test
    void constantsOfAClassGeneratedInRoundOneAreReadInRoundTwo() throws IOException {
        RoundRecorder recorder = new RoundRecorder(WIRING);
        String code =
                wiring(
                        compileWith(
                                List.of(new RoundOneGenerator(), recorder),
                                spec(
                                        "import test.gen.Sizes;",
                                        "@Backbone(Sizes.BACKBONE)",
                                        "@Adapter(modules = {\"fc1\", Sizes.TARGET}, bottleneck = Sizes.SIZE * 2)",
                                        "interface Spec {}")));
        assertThat(code).contains(".modules(\"fc1\", \"fc2\")");
        assertThat(code).contains(".bottleneck(16)");
        assertThat(code).contains("BACKBONE = \"facebook/bart-base\"");
        assertThat(recorder.roundThatSaw()).isEqualTo(3);
    }

    @Test
    void valuesThatNeverResolveAreReportedOnceAfterTheCompilersErrors() {
        JavaFileObject source =
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = {\"fc2\", Missing.MODULE},",
                        "         bottleneck = Missing.SIZE,",
                        "         nonLinearity = Missing.NAME)",
                        "interface Spec {}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(4);
        for (String value : new String[] {"Missing.MODULE", "Missing.SIZE", "Missing.NAME"}) {
            assertThat(compilation)
                    .hadErrorContaining("cannot find symbol")
                    .inFile(source)
                    .onLineContaining(value);
        }
        assertError(
                compilation,
                source,
                Problem.UNRESOLVED,
                "test.Spec cannot be checked, so it gets no wiring: "
                        + "the compiler could not resolve Missing.MODULE in @Adapter(modules), Missing.SIZE in "
                        + "@Adapter(bottleneck) and Missing.NAME in @Adapter(nonLinearity). If that is generated code, fix "
                        + "the errors that stopped its generation; otherwise correct the reference.",
                "interface Spec");
    }

    @Test
    void unresolvedBackboneIsNamedByItsAttribute() {
        JavaFileObject source =
                spec(
                        "@Backbone(Missing.NAME)",
                        "@Lora(modules = \"fc1\", r = Missing.RANK)",
                        "interface Spec {}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(3);
        assertError(
                compilation,
                source,
                Problem.UNRESOLVED,
                "test.Spec cannot be checked, so it gets no wiring: "
                        + "the compiler could not resolve Missing.NAME in @Backbone(value) and Missing.RANK in @Lora(r).",
                "interface Spec");
    }

    @Test
    void withoutJavacsTreeApiAnUnresolvedNumberStillWaitsAndIsReported() {
        JavaFileObject source =
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = \"fc2\",",
                        "         bottleneck = Missing.SIZE)",
                        "interface Spec {}");
        Compilation compilation =
                Compiler.javac().withProcessors(new WrappedEnvironmentProcessor()).compile(source);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("cannot find symbol")
                .inFile(source)
                .onLineContaining("Missing.SIZE");
        assertError(
                compilation,
                source,
                Problem.UNRESOLVED,
                "test.Spec cannot be checked, so it gets no wiring: "
                        + "the compiler could not resolve the value of @Adapter(bottleneck).",
                "interface Spec");
    }

    @Test
    void withoutJavacsTreeApiAGeneratedNumberIsReadInRoundTwo() throws IOException {
        Compilation compilation =
                Compiler.javac()
                        .withProcessors(new WrappedEnvironmentProcessor(), new RoundOneGenerator())
                        .compile(
                                spec(
                                        "@Backbone(\"facebook/bart-base\")",
                                        "@Adapter(modules = \"fc2\", bottleneck = test.gen.Sizes.SIZE)",
                                        "interface Spec {}"));
        assertThat(wiring(compilation)).contains(".bottleneck(8)");
    }
}
