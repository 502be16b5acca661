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
import org.junit.jupiter.api.Test;

/**
 * Pins the whole generated source of the canonical example, so generated code stays readable, not just correct.
 * Run with {@code GOLDEN_REGENERATE=1} to rewrite the golden file from the current output, then review the diff.
 */
class GoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/com/example/BartFfnAdapterDelta.java");

    @Test
    void bartFfnAdapterGeneratesTheGoldenSource() throws IOException {
        Compilation compilation =
                Compilations.compile(JavaFileObjects.forResource("specs/com/example/BartFfnAdapter.java"));
        assertThat(compilation).succeededWithoutWarnings();
        JavaFileObject generated = compilation.generatedSourceFile("com.example.BartFfnAdapterDelta").orElseThrow();
        String actual = generated.getCharContent(true).toString();
        if (System.getenv("GOLDEN_REGENERATE") != null) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }
}
