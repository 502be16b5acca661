package org.delta4j.models.distilbert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistilBertConfigTest {
    @Test
    void absentFieldsTakeDistilBertBaseDefaults() {
        DistilBertConfig c = DistilBertConfig.fromJson("{\"model_type\": \"distilbert\"}");
        assertEquals(30522, c.vocabSize());
        assertEquals(768, c.dim());
        assertEquals(6, c.nLayers());
        assertEquals(12, c.nHeads());
        assertEquals(3072, c.hiddenDim());
        assertEquals(512, c.maxPositionEmbeddings());
        assertEquals("gelu", c.activation());
        assertEquals(0.1f, c.dropout());
        assertEquals(0.1f, c.attentionDropout());
        assertEquals(0.02f, c.initializerRange());
        assertEquals(0, c.padTokenId());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"model_type\": \"bert\"| model_type is \"bert\", expected \"distilbert\"",
                "\"dim\": 30| dim 30 is not divisible by n_heads 12",
                "\"sinusoidal_pos_embds\": true| sinusoidal_pos_embds: true (fixed sinusoidal positions) is not supported",
                "\"activation\": \"quick_gelu\"| quick_gelu",
                "\"n_layers\": 0| n_layers must be positive"
            })
    void invalidConfigsSayWhy(String fields, String message) {
        String json =
                fields.startsWith("\"model_type\"")
                        ? "{" + fields + "}"
                        : "{\"model_type\": \"distilbert\", " + fields + "}";
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DistilBertConfig.fromJson(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
