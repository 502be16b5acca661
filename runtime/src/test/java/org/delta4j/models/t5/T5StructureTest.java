package org.delta4j.models.t5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.nn.Block;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.delta4j.models.Fixtures;
import org.delta4j.models.StructureAssertions;
import org.delta4j.models.hf.HfModels;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our T5's module tree, parameters and state dict are HF's, name for name and shape for shape. */
class T5StructureTest {
    @ParameterizedTest
    @ValueSource(strings = {"t5", "t5_for_conditional_generation"})
    void modulesAreHfNamedModulesInOrder(String fixture) throws IOException {
        StructureAssertions.assertNamedModules(Fixtures.model(fixture));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t5", "t5_for_conditional_generation"})
    void stateDictIsHfStateDictWithTiedAliases(String fixture) throws IOException {
        StructureAssertions.assertStateDict(Fixtures.model(fixture));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t5", "t5_for_conditional_generation"})
    void parametersAndCountAreHfs(String fixture) throws IOException {
        StructureAssertions.assertNamedParameters(Fixtures.model(fixture));
    }

    @Test
    void conditionalGenerationHasOpenDeltasBackboneCount() throws IOException {
        Block model = StructureAssertions.build(Fixtures.model("t5_for_conditional_generation"));
        // stats.json of the OpenDelta T5 cases: backbone_parameters_before_delta.
        assertEquals(37856, StructureAssertions.parameterCount(ModuleTree.of(model)));
    }

    @Test
    void stacksEmbedWithTheSharedModuleItself() {
        ModuleTree tree =
                ModuleTree.of(HfModels.build(TinyT5.config("T5ForConditionalGeneration", "")));
        Block shared = tree.module("shared").block();
        assertSame(shared, tree.module("encoder.embed_tokens").block());
        assertSame(shared, tree.module("decoder.embed_tokens").block());
        List<String> ff = new ArrayList<>();
        for (Module m :
                ModuleTree.of(
                                HfModels.build(
                                        TinyT5.config(
                                                "T5Model",
                                                ", \"feed_forward_proj\": " + "\"gated-gelu\"")))
                        .modules()) {
            if (m.path().startsWith("decoder.block.1.layer.2.")) {
                ff.add(m.path().substring("decoder.block.1.layer.2.".length()) + " " + m.type());
            }
        }
        assertEquals(
                List.of(
                        "DenseReluDense T5DenseGatedActDense",
                        "DenseReluDense.wi_0 Linear",
                        "DenseReluDense.wi_1 Linear",
                        "DenseReluDense.wo Linear",
                        "DenseReluDense.dropout Dropout",
                        "DenseReluDense.act NewGELUActivation",
                        "layer_norm T5LayerNorm",
                        "dropout Dropout"),
                ff);
    }

    @Test
    void childrenAreReachedThroughTheirList() {
        StructureAssertions.assertChildrenAreReachedThroughTheirList(
                HfModels.build(TinyT5.config("T5ForConditionalGeneration", "")), 92);
    }
}
