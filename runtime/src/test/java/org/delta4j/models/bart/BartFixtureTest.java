package org.delta4j.models.bart;

import java.io.IOException;
import org.delta4j.models.FixtureOutputs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our BART gives HF transformers' outputs on the golden fixtures. */
class BartFixtureTest {
    @ParameterizedTest
    @ValueSource(strings = {"bart", "bart_for_conditional_generation"})
    void outputsMatchTransformers(String fixture) throws IOException {
        FixtureOutputs.assertMatch(fixture);
    }
}
