package org.delta4j.models.bart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.delta4j.models.Fixtures;
import org.delta4j.models.StructureAssertions;
import org.delta4j.spec.ModelStructure;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.StructureExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our BART's module tree, parameters and state dict are HF's, name for name, shape for shape, dtype
 * for dtype.
 */
class BartStructureTest {
    @ParameterizedTest
    @ValueSource(strings = {"bart", "bart_for_conditional_generation"})
    void modulesAreHfNamedModulesInOrder(String fixture) throws IOException {
        StructureAssertions.assertNamedModules(Fixtures.model(fixture));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart", "bart_for_conditional_generation"})
    void stateDictIsHfStateDictInOrder(String fixture) throws IOException {
        StructureAssertions.assertStateDict(Fixtures.model(fixture));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart", "bart_for_conditional_generation"})
    void parametersWithoutTiesAreHfNamedParameters(String fixture) throws IOException {
        StructureAssertions.assertNamedParameters(Fixtures.model(fixture));
    }

    @Test
    void conditionalGenerationHasHfParameterCount() throws IOException {
        Block model = StructureAssertions.build(Fixtures.model("bart_for_conditional_generation"));
        assertEquals(43252, StructureAssertions.parameterCount(ModuleTree.of(model)));
    }

    @Test
    void structureExportNeedsNoWeights() throws IOException {
        Path dir = Fixtures.model("bart_for_conditional_generation");
        Block model = StructureAssertions.build(dir);
        ModelStructure s = StructureExport.of(model, "tiny");
        assertEquals("BartForConditionalGeneration", s.modelClass());
        List<String> paths = new ArrayList<>();
        for (String[] row : Fixtures.section(dir, "# named_modules")) {
            paths.add(row[0]);
        }
        assertEquals(paths, s.paths());
        assertEquals(Map.of(), s.module("").parameters(), "buffers are not parameters");
        assertEquals("[99, 32]", Arrays.toString(s.module("lm_head").parameters().get("weight")));
        for (Parameter p : model.getParameters().values()) {
            assertFalse(p.isInitialized(), "export allocated " + p.getName());
        }
    }
}
