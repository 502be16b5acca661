package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins whole generated sources, so generated code stays readable, not just correct: the
 * walkthrough's adapter spec, the repeated-LoRA spec with named setters, and a LoRA spec on a
 * classification head class, which also gets {@code load}. Run with {@code GOLDEN_REGENERATE=1} to
 * rewrite the golden files from the current output, then review the diff.
 */
class GoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"BartFfnAdapter", "BartAttnFfnLora", "BertSentimentLora"})
    void specGeneratesTheGoldenSource(String spec) throws IOException {
        Path golden = Path.of("src/test/resources/golden/com/example/" + spec + "Delta.java");
        Compilation compilation =
                Compilations.compile(
                        JavaFileObjects.forResource("specs/com/example/" + spec + ".java"));
        assertThat(compilation).succeededWithoutWarnings();
        JavaFileObject generated =
                compilation.generatedSourceFile("com.example." + spec + "Delta").orElseThrow();
        String actual = generated.getCharContent(true).toString();
        if (System.getenv("GOLDEN_REGENERATE") != null) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
