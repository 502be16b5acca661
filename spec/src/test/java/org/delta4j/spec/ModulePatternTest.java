package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenDelta's addressing rules, as match and no-match tables. */
class ModulePatternTest {
    private static final String K = "roberta.encoder.layer.10.attention.output.dense";

    @ParameterizedTest(name = "{0} matches={1}")
    @CsvSource(delimiter = '|', value = {
        "dense|true",
        "output.dense|true",
        "attention.output.dense|true",
        "layer.10.attention.output.dense|true",
        "roberta.encoder.layer.10.attention.output.dense|true",
        "put.dense|false",
        "0.attention.output.dense|false",
        "ense|false",
        "[r]output\\.dense|true",
        "[r]1[0-1]\\.attention\\.output\\.dense|true",
        "[r].*dense|true",
        "[r]dense$|true",
        "[r][0-5]\\.attention\\.output\\.dense|false",
        "[r](\\d)+\\.output.dense|false",
        "[r]attention|false",
        "[r]ense|false",
    })
    void matchesLikeOpenDelta(String pattern, boolean expected) {
        assertEquals(expected, ModulePattern.parse(pattern).matches(K));
    }

    @ParameterizedTest(name = "{0} on {1} matches={2}")
    @CsvSource(delimiter = '|', value = {
        "fc2|model.encoder.layers.0.fc2|true",
        "layers.0.fc2|model.encoder.layers.0.fc2|true",
        "c2|model.encoder.layers.0.fc2|false",
        "fc2|model.encoder.layers.0.fc2.adapter|false",
        "[r](\\d)+\\.output.dense|roberta.encoder.layer.0.output.dense|true",
        "[r]decoder.*[01].*fc2|model.decoder.layers.1.fc2|true",
        "[r]decoder.*fc2|model.encoder.layers.1.fc2|false",
    })
    void matchesOnOtherPaths(String pattern, String path, boolean expected) {
        assertEquals(expected, ModulePattern.parse(pattern).matches(path));
    }

    @ParameterizedTest
    @CsvSource({"[r](fc2", "[r]*x", "[r]"})
    void brokenRegexIsTaggedError(String pattern) {
        SpecException e = assertThrows(SpecException.class, () -> ModulePattern.parse(pattern));
        assertTrue(e.getMessage().contains(pattern), e.getMessage());
        assertTrue(e.getMessage().startsWith("[delta4j:"), e.getMessage());
    }
}
