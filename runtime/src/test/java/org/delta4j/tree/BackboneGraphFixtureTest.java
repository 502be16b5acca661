package org.delta4j.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The structure graph of a plain backbone is bigmodelvis's, character for character. */
class BackboneGraphFixtureTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"bart_for_conditional_generation", "bert", "t5_for_conditional_generation"})
    void graphEqualsOpenDeltas(String model) throws Exception {
        Path expected = Fixtures.openDelta("_backbone_graphs").resolve(model + ".txt");
        try (NDManager manager = NDManager.newBaseManager()) {
            String actual =
                    StructureGraph.of(HfModels.load(Fixtures.model(model), manager), Set.of())
                            .toString();
            assertEquals(
                    Files.readString(expected, StandardCharsets.UTF_8).strip(), actual.strip());
        }
    }
}
