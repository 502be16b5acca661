package org.delta4j.models.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.delta4j.spec.ModelStructure;
import org.delta4j.tree.StructureExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** The committed catalogue must be what the runtime's models produce now. */
class StructureCatalogueTest {
    @Test
    @DisabledIfSystemProperty(
            named = "delta4j.regenerateCatalogue",
            matches = "true",
            disabledReason = "the catalogue is being regenerated")
    void committedCatalogueMatchesTheRuntime() throws IOException {
        for (Map.Entry<String, String> file : StructureCatalogue.render().entrySet()) {
            Path committed = StructureCatalogue.directory().resolve(file.getKey());
            String hint =
                    committed
                            + " is missing or out of date; regenerate it with: "
                            + StructureCatalogue.REGENERATE;
            assertTrue(Files.isRegularFile(committed), hint);
            assertEquals(
                    file.getValue(), Files.readString(committed, StandardCharsets.UTF_8), hint);
        }
    }

    @Test
    void bartBaseHasTheExpectedShape() throws IOException {
        ModelStructure s =
                ModelStructure.fromJson(
                        StructureCatalogue.render().get("facebook--bart-base.structure.json"));
        assertEquals("BartModel", s.modelClass());
        assertEquals("facebook/bart-base", s.name());
        assertEquals("BartEncoderLayer", s.module("encoder.layers.5").type());
        assertEquals(null, s.module("encoder.layers.6"));
        assertEquals(
                "[50265, 768]", Arrays.toString(s.module("shared").parameters().get("weight")));
        assertEquals(
                "[1026, 768]",
                Arrays.toString(s.module("decoder.embed_positions").parameters().get("weight")));
        assertEquals(
                "[3072, 768]",
                Arrays.toString(s.module("decoder.layers.0.fc1").parameters().get("weight")));
    }

    /**
     * The processor checks a spec with another number of labels on the catalogue's structure with
     * its classifier resized: that must be the structure the runtime builds with that many labels.
     */
    @Test
    void resizedClassifierIsWhatTheRuntimeBuildsWithThatManyLabels() throws IOException {
        int checked = 0;
        for (String name : StructureCatalogue.MODELS.keySet()) {
            for (String head : StructureCatalogue.heads(name)) {
                String classifier = Architectures.classifier(head).orElse(null);
                if (classifier == null) {
                    continue;
                }
                Path dir = StructureCatalogue.configDir(name.replace("/", "--"));
                String built =
                        StructureExport.of(
                                        Architectures.build(head, HfFolder.readConfig(dir, 5)),
                                        name)
                                .toJson();
                ModelStructure committed =
                        ModelStructure.fromJson(
                                StructureCatalogue.render()
                                        .get(StructureCatalogue.fileName(name, head)));
                assertEquals(built, committed.withLinearOutputs(classifier, 5).toJson(), head);
                checked++;
            }
        }
        assertEquals(2, checked, "bert-base-uncased and bert-base-cased as sequence classifiers");
    }
}
