package org.delta4j.models.gpt2;

import java.io.IOException;
import org.delta4j.models.FixtureOutputs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our GPT-2 gives HF transformers' outputs on the golden fixtures. */
class Gpt2FixtureTest {
    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "gpt2_lm_head"})
    void outputsMatchTransformers(String fixture) throws IOException {
        FixtureOutputs.assertMatch(fixture);
    }
}
