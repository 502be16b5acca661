package org.delta4j.models.t5;

import java.io.IOException;
import org.delta4j.models.FixtureOutputs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our T5 gives HF transformers' outputs on the golden fixtures. */
class T5FixtureTest {
    @ParameterizedTest
    @ValueSource(strings = {"t5", "t5_for_conditional_generation"})
    void outputsMatchTransformers(String fixture) throws IOException {
        FixtureOutputs.assertMatch(fixture);
    }
}
