package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** The committed {@code docs/methods.md} must be what the method table says now. */
class MethodDocsTest {
    @Test
    @DisabledIfSystemProperty(
            named = "delta4j.regenerateDocs",
            matches = "true",
            disabledReason = "the docs are being regenerated")
    void committedDocsMatchTheTable() throws IOException {
        Path committed = MethodDocs.file();
        String hint =
                committed
                        + " is missing or out of date; regenerate it with: "
                        + MethodDocs.REGENERATE;
        assertTrue(Files.isRegularFile(committed), hint);
        assertEquals(
                MethodDocs.render(), Files.readString(committed, StandardCharsets.UTF_8), hint);
    }

    @Test
    void everyArgumentAndFixedKeyHasARow() {
        String docs = MethodDocs.render();
        for (Method m : Method.values()) {
            for (ConfigEntry e : m.declaration().config()) {
                assertTrue(docs.contains("`" + e.key() + "`"), e.key());
            }
        }
        assertTrue(docs.contains("| `r` | `lora_r` | `int` | `8` | the rank, at least 1 |"), docs);
        assertTrue(docs.contains("| | `factorized_phm` | fixed | `true` |"), docs);
    }
}
