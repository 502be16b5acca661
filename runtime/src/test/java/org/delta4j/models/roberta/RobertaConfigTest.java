package org.delta4j.models.roberta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RobertaConfigTest {
    @Test
    void padsWithOneByDefaultAndKeepsBertDefaults() {
        RobertaConfig c = RobertaConfig.fromJson("{\"model_type\": \"roberta\"}");
        assertEquals(1, c.padTokenId());
        assertEquals(768, c.hiddenSize());
        assertEquals(
                0,
                RobertaConfig.fromJson("{\"model_type\": \"roberta\", \"pad_token_id\": 0}")
                        .padTokenId());
    }

    @Test
    void otherModelTypesAreRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RobertaConfig.fromJson("{\"model_type\": \"bert\"}"));
        assertTrue(e.getMessage().contains("expected \"roberta\""), e.getMessage());
    }
}
