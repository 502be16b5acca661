package org.delta4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.delta4j.models.Fixtures;
import org.delta4j.models.StructureAssertions;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.Features;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.StructureGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our BERT-family module trees, parameters and state dicts are HF's, name for name and shape for
 * shape.
 */
class BertFamilyStructureTest {
    @ParameterizedTest
    @ValueSource(strings = {"bert", "bert_for_sequence_classification", "roberta", "distilbert"})
    void modulesAreHfNamedModulesInOrder(String fixture) throws IOException {
        StructureAssertions.assertNamedModules(Fixtures.model(fixture));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "bert_for_sequence_classification", "roberta", "distilbert"})
    void stateDictIsHfStateDictInOrder(String fixture) throws IOException {
        StructureAssertions.assertStateDict(Fixtures.model(fixture));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "bert_for_sequence_classification", "roberta", "distilbert"})
    void parametersAndTheirCountAreHfNamedParameters(String fixture) throws IOException {
        StructureAssertions.assertNamedParameters(Fixtures.model(fixture));
    }

    @Test
    void bertGraphIsOpenDeltasBackboneGraph() throws IOException {
        Path graph = Fixtures.openDelta("_backbone_graphs").resolve("bert.txt");
        assertEquals(
                Files.readString(graph, StandardCharsets.UTF_8).strip(),
                StructureGraph.of(StructureAssertions.build(Fixtures.model("bert")), Set.of())
                        .toString()
                        .strip());
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void childrenAreReachedThroughTheirList(String architecture) {
        StructureAssertions.assertChildrenAreReachedThroughTheirList(
                HfModels.build(TinyBertFamily.config(architecture)), 31);
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void attentionAndLayerBlocksKnowTheirOutputSize(String architecture) {
        ModuleTree tree = ModuleTree.of(HfModels.build(TinyBertFamily.config(architecture)));
        String attention = TinyBertFamily.selfAttention(architecture);
        String layer = attention.substring(0, attention.indexOf(".attention"));
        assertEquals(32, Features.out(tree.module(attention).block()).orElseThrow());
        assertEquals(32, Features.out(tree.module(layer).block()).orElseThrow());
        String intermediate =
                architecture.startsWith("Distil") ? layer + ".ffn.lin1" : layer + ".intermediate";
        assertEquals(37, Features.out(tree.module(intermediate).block()).orElseThrow());
    }
}
