package org.delta4j.models.gpt2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GPT-2 configs are read with HF's defaults and checked. */
class Gpt2ConfigTest {
    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> GPT2Config.fromJson(json))
                .getMessage();
    }

    @Test
    void absentFieldsTakeHfDefaults() {
        GPT2Config c = GPT2Config.fromJson("{\"model_type\": \"gpt2\", \"n_inner\": null}");
        assertEquals(768, c.nEmbd());
        assertEquals(3072, c.innerSize());
        assertEquals(1024, c.nPositions());
        assertEquals(50257, c.vocabSize());
        assertEquals("gelu_new", c.activationFunction());
        assertEquals(1e-5f, c.layerNormEpsilon());
        assertEquals(0.02f / (float) Math.sqrt(24), c.cProjStd(), 1e-9f);
        assertTrue(c.scaleAttnWeights() && c.tieWordEmbeddings());
        assertEquals(List.of(), c.architectures());
    }

    @Test
    void invalidConfigsAreRejectedWithTheReason() {
        assertTrue(error("{\"model_type\": \"bart\"}").contains("expected \"gpt2\""));
        assertTrue(
                error("{\"model_type\": \"gpt2\", \"n_embd\": 30, \"n_head\": 4}")
                        .contains("not divisible"));
        assertTrue(
                error("{\"model_type\": \"gpt2\", \"add_cross_attention\": true}")
                        .contains("add_cross_attention"));
        String act = error("{\"model_type\": \"gpt2\", \"activation_function\": \"mish\"}");
        assertTrue(act.contains("mish") && act.contains("gelu_new"), act);
        assertTrue(
                error("{\"model_type\": \"gpt2\", \"n_layer\": 0}")
                        .contains("n_layer must be positive"));
        assertTrue(error("[1, 2]").contains("Not a valid GPT-2 config.json"));
    }
}
