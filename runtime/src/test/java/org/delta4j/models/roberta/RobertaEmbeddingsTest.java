package org.delta4j.models.roberta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * RoBERTa's fairseq positions, as HF's {@code create_position_ids_from_input_ids} and its embeds
 * variant.
 */
class RobertaEmbeddingsTest {
    private static final RobertaEmbeddings EMBEDDINGS =
            new RobertaEmbeddings(
                    RobertaConfig.fromJson(
                            "{\"model_type\": \"roberta\", \"hidden_size\": 8, \"num_attention_heads\": 2, \"vocab_size\": 20,"
                                    + " \"max_position_embeddings\": 16}"));

    @Test
    void idsArePositionedFromPadPlusOneSkippingPadding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(new long[][] {{0, 5, 6, 1, 1}, {1, 7, 1, 8, 9}});
            NDArray positions = EMBEDDINGS.positionIds(ids, null);
            assertEquals(DataType.INT64, positions.getDataType());
            assertArrayEquals(new long[] {2, 3, 4, 1, 1, 1, 2, 1, 3, 4}, positions.toLongArray());
        }
    }

    @Test
    void embeddingsArePositionedSequentiallyFromPadPlusOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray positions = EMBEDDINGS.positionIds(manager.zeros(new Shape(2, 4, 8)), null);
            assertEquals(new Shape(1, 4), positions.getShape());
            assertArrayEquals(new long[] {2, 3, 4, 5}, positions.toLongArray());
        }
    }
}
