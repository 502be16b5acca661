package org.delta4j.models.t5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** T5 configs are read with HF's defaults and HF's reading of {@code feed_forward_proj}. */
class T5ConfigTest {
    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> T5Config.fromJson(json))
                .getMessage();
    }

    @Test
    void absentFieldsTakeHfDefaults() {
        T5Config c = T5Config.fromJson("{\"model_type\": \"t5\", \"num_layers\": 3}");
        assertEquals(512, c.dModel());
        assertEquals(3, c.decoderLayers());
        assertEquals("relu", c.denseActFn());
        assertFalse(c.isGatedAct());
        assertEquals(1e-6f, c.layerNormEpsilon());
        assertTrue(c.tieWordEmbeddings());
        String start =
                assertThrows(IllegalStateException.class, c::decoderStartTokenId).getMessage();
        assertTrue(start.contains("decoder_start_token_id"), start);
    }

    @Test
    void feedForwardProjIsReadAsHfReadsIt() {
        T5Config gatedGelu =
                T5Config.fromJson(
                        "{\"model_type\": \"t5\", \"feed_forward_proj\": \"gated-gelu\"}");
        assertTrue(gatedGelu.isGatedAct());
        assertEquals("gelu_new", gatedGelu.denseActFn());
        T5Config gatedSilu =
                T5Config.fromJson(
                        "{\"model_type\": \"t5\", \"feed_forward_proj\": \"gated-silu\"}");
        assertEquals("silu", gatedSilu.denseActFn());
        assertTrue(
                error("{\"model_type\": \"t5\", \"feed_forward_proj\": \"fancy-relu\"}")
                        .contains("gated-<activation>"));
        assertTrue(
                error("{\"model_type\": \"t5\", \"feed_forward_proj\": \"mish\"}")
                        .contains("mish"));
        assertTrue(error("{\"model_type\": \"gpt2\"}").contains("expected \"t5\""));
        assertTrue(
                error("{\"model_type\": \"t5\", \"pad_token_id\": 200, \"vocab_size\": 99}")
                        .contains("pad_token_id"));
    }
}
