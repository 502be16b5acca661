package org.delta4j.models.gpt2;

import java.io.IOException;
import org.delta4j.models.Fixtures;
import org.delta4j.models.StructureAssertions;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our GPT-2's module tree, parameters and state dict are HF's, name for name, shape for shape,
 * dtype for dtype.
 */
class Gpt2StructureTest {
    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "gpt2_lm_head"})
    void modulesAreHfNamedModulesInOrder(String fixture) throws IOException {
        StructureAssertions.assertNamedModules(Fixtures.model(fixture));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "gpt2_lm_head"})
    void stateDictIsHfStateDictWithBuffers(String fixture) throws IOException {
        StructureAssertions.assertStateDict(Fixtures.model(fixture));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "gpt2_lm_head"})
    void parametersAndCountAreHfs(String fixture) throws IOException {
        StructureAssertions.assertNamedParameters(Fixtures.model(fixture));
    }

    @Test
    void childrenAreReachedThroughTheirList() {
        StructureAssertions.assertChildrenAreReachedThroughTheirList(
                HfModels.build(TinyGpt2.config("GPT2LMHeadModel", "")), 31);
    }
}
