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
import org.delta4j.models.HfModels;
import org.delta4j.spec.ModelStructure;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.StructureExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our BART's module tree, parameters and state dict are HF's, name for name and shape for shape. */
class BartStructureTest {
    private static Block build(Path dir) throws IOException {
        return HfModels.build(HfModels.readConfig(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart", "bart_for_conditional_generation"})
    void modulesAreHfNamedModulesInOrder(String fixture) throws IOException {
        Path dir = Fixtures.model(fixture);
        List<String> expected = new ArrayList<>();
        for (String[] row : Fixtures.section(dir, "# named_modules")) {
            expected.add(row[0] + " " + row[1]);
        }
        List<String> actual = new ArrayList<>();
        for (Module m : ModuleTree.of(build(dir)).modules()) {
            actual.add(m.path() + " " + m.type());
        }
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart", "bart_for_conditional_generation"})
    void stateDictIsHfStateDictInOrder(String fixture) throws IOException {
        Path dir = Fixtures.model(fixture);
        List<String> expected = new ArrayList<>();
        for (String[] row : Fixtures.section(dir, "# state_dict")) {
            String shape = row[1].substring(0, row[1].lastIndexOf(' '));
            expected.add(row[0] + " " + shape);
        }
        // PyTorch's state dict walks modules in pre-order, each module's parameters before its buffers.
        List<String> actual = new ArrayList<>();
        for (Module m : ModuleTree.of(build(dir)).modules()) {
            m.parameters().forEach((name, p) -> actual.add(m.pathOf(name) + " " + shape(p)));
            m.buffers().forEach((name, p) -> actual.add(m.pathOf(name) + " " + shape(p)));
        }
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart", "bart_for_conditional_generation"})
    void parametersWithoutTiesAreHfNamedParameters(String fixture) throws IOException {
        Path dir = Fixtures.model(fixture);
        List<String> expected = new ArrayList<>();
        for (String[] row : Fixtures.section(dir, "# named_parameters")) {
            expected.add(row[0] + " " + row[1].substring(0, row[1].lastIndexOf(' ')));
        }
        List<String> actual = new ArrayList<>();
        ModuleTree.of(build(dir)).uniqueParameters().forEach((path, p) -> actual.add(path + " " + shape(p)));
        assertEquals(expected, actual);
    }

    @Test
    void conditionalGenerationHasHfParameterCount() throws IOException {
        Block model = build(Fixtures.model("bart_for_conditional_generation"));
        long count = 0;
        for (Parameter p : ModuleTree.of(model).uniqueParameters().values()) {
            count += p.getShape().size();
        }
        assertEquals(43252, count);
    }

    @Test
    void structureExportNeedsNoWeights() throws IOException {
        Path dir = Fixtures.model("bart_for_conditional_generation");
        Block model = build(dir);
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

    private static String shape(Parameter p) {
        return Arrays.toString(p.getShape().getShape());
    }
}
