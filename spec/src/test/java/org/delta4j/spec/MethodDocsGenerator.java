package org.delta4j.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rewrites the committed {@code docs/methods.md}; runs only with {@code
 * -Ddelta4j.regenerateDocs=true}.
 */
class MethodDocsGenerator {
    @Test
    @EnabledIfSystemProperty(named = "delta4j.regenerateDocs", matches = "true")
    void regenerate() throws IOException {
        Files.writeString(MethodDocs.file(), MethodDocs.render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + MethodDocs.file());
    }
}
