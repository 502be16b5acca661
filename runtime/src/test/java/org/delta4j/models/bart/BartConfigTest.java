package org.delta4j.models.bart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BartConfigTest {
    @Test
    void readsFieldsAndKeepsHfDefaults() {
        BartConfig c = TinyBart.config("BartModel");
        assertEquals(32, c.dModel());
        assertEquals(37, c.decoderFfnDim());
        assertEquals(List.of("BartModel"), c.architectures());
        assertEquals("gelu", c.activationFunction());
        assertEquals(1, c.padTokenId());
        assertEquals(2, c.decoderStartTokenId());
        assertEquals(0.02f, c.initStd());
        assertEquals(1f, c.embedScale());
        BartConfig scaled =
                BartConfig.fromJson(
                        "{\"d_model\": 16, \"encoder_attention_heads\": 4,"
                                + " \"decoder_attention_heads\": 4, \"scale_embedding\": true}");
        assertEquals(4f, scaled.embedScale());
        assertEquals(50265, scaled.vocabSize());
    }

    @Test
    void unknownActivationNamesTheSupportedOnes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                BartConfig.fromJson(
                                        "{\"d_model\": 16, \"encoder_attention_heads\": 4,"
                                                + " \"decoder_attention_heads\": 4, \"activation_function\": \"gelu_fast\"}"));
        assertTrue(
                e.getMessage().contains("gelu_fast") && e.getMessage().contains("relu"),
                e.getMessage());
    }

    @Test
    void rejectsInconsistentSizes() {
        IllegalArgumentException heads =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                BartConfig.fromJson(
                                        "{\"d_model\": 30, \"encoder_attention_heads\": 4}"));
        assertTrue(heads.getMessage().contains("encoder_attention_heads"), heads.getMessage());
        IllegalArgumentException type =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> BartConfig.fromJson("{\"model_type\": \"t5\"}"));
        assertTrue(type.getMessage().contains("t5"), type.getMessage());
    }
}
