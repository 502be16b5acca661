package org.delta4j.models.hf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rewrites the committed structure catalogue; runs only with {@code
 * -Ddelta4j.regenerateCatalogue=true}.
 */
class StructureCatalogueGenerator {
    @Test
    @EnabledIfSystemProperty(named = "delta4j.regenerateCatalogue", matches = "true")
    void regenerate() throws IOException {
        Path dir = Files.createDirectories(StructureCatalogue.directory());
        for (Map.Entry<String, String> file : StructureCatalogue.render().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + dir.resolve(file.getKey()));
        }
    }
}
