package org.delta4j.models.llama;

import java.io.IOException;
import java.util.stream.Stream;
import org.delta4j.models.FixtureOutputs;
import org.delta4j.models.Fixtures;
import org.delta4j.models.StructureAssertions;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Llama, Mistral and Qwen2 give HF transformers 4.38.2's outputs on the golden fixtures, with
 * HF's module tree, parameters and state dict (Qwen2's tied head included).
 */
class LlamaFamilyFixtureTest {
    static Stream<String> everyModel() {
        return Stream.of(
                "llama", "llama_for_causal_lm", "mistral_for_causal_lm", "qwen2_for_causal_lm");
    }

    @ParameterizedTest
    @MethodSource("everyModel")
    void outputsMatchTransformers(String fixture) throws IOException {
        FixtureOutputs.assertMatch(fixture);
    }

    @ParameterizedTest
    @MethodSource("everyModel")
    void modulesParametersAndStateDictAreHfs(String fixture) throws IOException {
        StructureAssertions.assertNamedModules(Fixtures.model(fixture));
        StructureAssertions.assertNamedParameters(Fixtures.model(fixture));
        StructureAssertions.assertStateDict(Fixtures.model(fixture));
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama_for_causal_lm", "qwen2_for_causal_lm"})
    void childrenAreReachedThroughTheirList(String fixture) throws IOException {
        StructureAssertions.assertChildrenAreReachedThroughTheirList(
                HfModels.build(HfModels.readConfig(Fixtures.model(fixture))), 20);
    }
}
