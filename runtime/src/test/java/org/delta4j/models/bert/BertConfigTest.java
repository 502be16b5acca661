package org.delta4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BertConfigTest {
    @Test
    void absentFieldsTakeBertBaseDefaults() {
        BertConfig c = BertConfig.fromJson("{\"model_type\": \"bert\"}");
        assertEquals(30522, c.vocabSize());
        assertEquals(768, c.hiddenSize());
        assertEquals(12, c.numHiddenLayers());
        assertEquals(12, c.numAttentionHeads());
        assertEquals(3072, c.intermediateSize());
        assertEquals("gelu", c.hiddenAct());
        assertEquals(512, c.maxPositionEmbeddings());
        assertEquals(2, c.typeVocabSize());
        assertEquals(1e-12f, c.layerNormEps());
        assertEquals(0, c.padTokenId());
        assertEquals(0.02f, c.initializerRange());
        assertEquals(0.1f, c.hiddenDropoutProb());
        assertEquals(0.1f, c.attentionProbsDropoutProb());
        assertEquals(List.of(), c.architectures());
    }

    @Test
    void labelsAndClassifierDropoutFollowHf() {
        assertEquals(2, BertConfig.fromJson("{\"model_type\": \"bert\"}").numLabels());
        assertEquals(
                5,
                BertConfig.fromJson("{\"model_type\": \"bert\", \"num_labels\": 5}").numLabels());
        assertEquals(
                3,
                BertConfig.fromJson(
                                "{\"model_type\": \"bert\", \"num_labels\": 5,"
                                        + " \"id2label\": {\"0\": \"a\", \"1\": \"b\", \"2\": \"c\"}}")
                        .numLabels());
        assertEquals(
                0.1f,
                BertConfig.fromJson("{\"model_type\": \"bert\", \"classifier_dropout\": null}")
                        .classifierDropout());
        assertEquals(
                0.3f,
                BertConfig.fromJson("{\"model_type\": \"bert\", \"classifier_dropout\": 0.3}")
                        .classifierDropout());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"model_type\": \"roberta\"| model_type is \"roberta\", expected \"bert\"",
                "\"model_type\": \"bert\", \"hidden_size\": 30| hidden_size 30 is not divisible by num_attention_heads 12",
                "\"model_type\": \"bert\", \"position_embedding_type\": \"relative_key\"| \"relative_key\" is not supported",
                "\"model_type\": \"bert\", \"is_decoder\": true| is_decoder: true (causal BERT) is not supported",
                "\"model_type\": \"bert\", \"hidden_act\": \"gelu_fast\"| gelu_fast",
                "\"model_type\": \"bert\", \"pad_token_id\": 99, \"vocab_size\": 99| pad_token_id 99 is outside",
                "\"model_type\": \"bert\", \"num_labels\": 0| num_labels must be positive",
                "\"model_type\": \"bert\", \"hidden_size\": \"big\"| Not a valid BertConfig config.json"
            })
    void invalidConfigsSayWhy(String fields, String message) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> BertConfig.fromJson("{" + fields + "}"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
