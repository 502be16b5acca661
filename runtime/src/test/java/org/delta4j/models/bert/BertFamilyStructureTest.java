package org.delta4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.delta4j.models.Fixtures;
import org.delta4j.models.HfModels;
import org.delta4j.nn.Features;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.StructureGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Our BERT-family module trees, parameters and state dicts are HF's, name for name and shape for shape. */
class BertFamilyStructureTest {
    private static Block build(Path dir) throws IOException {
        return HfModels.build(HfModels.readConfig(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "bert_for_sequence_classification", "roberta", "distilbert"})
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
    @ValueSource(strings = {"bert", "bert_for_sequence_classification", "roberta", "distilbert"})
    void stateDictIsHfStateDictInOrder(String fixture) throws IOException {
        Path dir = Fixtures.model(fixture);
        List<String> expected = new ArrayList<>();
        for (String[] row : Fixtures.section(dir, "# state_dict")) {
            expected.add(row[0] + " " + row[1].substring(0, row[1].lastIndexOf(' ')));
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
    @ValueSource(strings = {"bert", "bert_for_sequence_classification", "roberta", "distilbert"})
    void parametersAndTheirCountAreHfNamedParameters(String fixture) throws IOException {
        Path dir = Fixtures.model(fixture);
        List<String> expected = new ArrayList<>();
        long expectedCount = 0;
        for (String[] row : Fixtures.section(dir, "# named_parameters")) {
            String shape = row[1].substring(0, row[1].lastIndexOf(' '));
            expected.add(row[0] + " " + shape);
            expectedCount += Arrays.stream(shape.replaceAll("[\\[\\] ]", "").split(","))
                    .mapToLong(Long::parseLong).reduce(1, (a, b) -> a * b);
        }
        List<String> actual = new ArrayList<>();
        long count = 0;
        for (var e : ModuleTree.of(build(dir)).uniqueParameters().entrySet()) {
            actual.add(e.getKey() + " " + shape(e.getValue()));
            count += e.getValue().getShape().size();
        }
        assertEquals(expected, actual);
        assertEquals(expectedCount, count);
    }

    @Test
    void bertGraphIsOpenDeltasBackboneGraph() throws IOException {
        Path graph = Fixtures.openDelta("_backbone_graphs").resolve("bert.txt");
        assertEquals(Files.readString(graph, StandardCharsets.UTF_8).strip(),
                StructureGraph.of(build(Fixtures.model("bert")), Set.of()).toString().strip());
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void everyChildFieldIsAMutableBlock(String architecture) {
        Block model = HfModels.build(TinyBertFamily.config(architecture));
        int checked = 0;
        for (Module m : ModuleTree.of(model).modules()) {
            List<Block> children = new ArrayList<>(m.block().getChildren().values());
            for (Class<?> c = m.block().getClass(); c != AbstractBlock.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || !holdsChild(m.block(), f, children)
                            && !Block.class.isAssignableFrom(f.getType())) {
                        continue;
                    }
                    String where = c.getSimpleName() + "." + f.getName();
                    assertEquals(Block.class, f.getType(), where + " must be declared as Block");
                    assertFalse(Modifier.isFinal(f.getModifiers()), where + " must not be final");
                    assertTrue(Modifier.isPrivate(f.getModifiers()), where + " must be private");
                    checked++;
                }
            }
        }
        assertTrue(checked > 30, "checked only " + checked + " fields");
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void attentionAndLayerBlocksKnowTheirOutputSize(String architecture) {
        ModuleTree tree = ModuleTree.of(HfModels.build(TinyBertFamily.config(architecture)));
        String attention = TinyBertFamily.selfAttention(architecture);
        String layer = attention.substring(0, attention.indexOf(".attention"));
        assertEquals(32, Features.out(tree.module(attention).block()).orElseThrow());
        assertEquals(32, Features.out(tree.module(layer).block()).orElseThrow());
        String intermediate = architecture.startsWith("Distil") ? layer + ".ffn.lin1" : layer + ".intermediate";
        assertEquals(37, Features.out(tree.module(intermediate).block()).orElseThrow());
    }

    private static boolean holdsChild(Block block, Field f, List<Block> children) {
        try {
            f.setAccessible(true);
            Object value = f.get(block);
            return value != null && children.contains(value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shape(Parameter p) {
        return Arrays.toString(p.getShape().getShape());
    }
}
