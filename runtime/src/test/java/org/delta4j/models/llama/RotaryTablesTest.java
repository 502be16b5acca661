package org.delta4j.models.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.LayerScope;
import org.junit.jupiter.api.Test;

/**
 * The layers of one pass share one computation of the rotary tables: later layers get the first
 * layer's arrays, which outlive the scope of the layer that made them, and a pass that does not
 * share them (or other positions) gets its own.
 */
class RotaryTablesTest {
    private static final LlamaConfig CONFIG =
            LlamaConfig.fromJson(
                    "{\"hidden_size\": 32, \"num_attention_heads\": 4, \"num_hidden_layers\": 2,"
                            + " \"max_position_embeddings\": 16}");

    private static NDList tables(
            LlamaRotaryEmbedding rope, NDArray positions, PairList<String, Object> params) {
        return rope.forward(
                new ParameterStore(positions.getManager(), false),
                new NDList(positions),
                false,
                params);
    }

    @Test
    void theLayersOfAPassGetTheTablesTheFirstLayerMadeAndTheyOutliveItsScope() {
        try (NDManager pass = NDManager.newBaseManager()) {
            NDArray hidden = pass.zeros(new ai.djl.ndarray.types.Shape(1, 3, 32));
            NDArray positions = pass.arange(0L, 3L).reshape(1, 3);
            PairList<String, Object> params = RotaryTables.share(null);
            LlamaRotaryEmbedding first = new LlamaRotaryEmbedding(CONFIG);
            LlamaRotaryEmbedding second = new LlamaRotaryEmbedding(CONFIG);
            NDList[] made = new NDList[1];
            new LayerScope(false)
                    .run(
                            () -> {
                                made[0] = tables(first, positions, params);
                                return hidden.add(1);
                            },
                            hidden,
                            positions);
            assertFalse(made[0].head().isReleased(), "the tables outlive the first layer");
            assertSame(pass, made[0].head().getManager());
            NDList again = tables(second, positions, params);
            assertSame(made[0].get(0), again.get(0));
            assertSame(made[0].get(1), again.get(1));
            assertArrayEquals(
                    tables(second, positions, null).get(1).toFloatArray(),
                    again.get(1).toFloatArray(),
                    0f);
        }
    }

    @Test
    void otherPositionsOrAnotherPassGetTablesOfTheirOwn() {
        try (NDManager pass = NDManager.newBaseManager()) {
            LlamaRotaryEmbedding rope = new LlamaRotaryEmbedding(CONFIG);
            NDArray positions = pass.arange(0L, 3L).reshape(1, 3);
            NDArray later = pass.arange(3L, 6L).reshape(1, 3);
            PairList<String, Object> params = RotaryTables.share(null);
            NDArray cos = tables(rope, positions, params).head();
            NDArray laterCos = tables(rope, later, params).head();
            assertNotSame(cos, laterCos);
            assertArrayEquals(
                    tables(rope, later, null).head().toFloatArray(), laterCos.toFloatArray(), 0f);
            assertNotSame(cos, tables(rope, positions, RotaryTables.share(null)).head());
            assertNotSame(cos, tables(rope, positions, null).head());
        }
    }

    @Test
    void sharingKeepsThePassesOtherParametersAndLeavesTheCallersAlone() {
        try (NDManager manager = NDManager.newBaseManager();
                KeyValueCache cache = new KeyValueCache(manager)) {
            PairList<String, Object> callers = cache.params();
            PairList<String, Object> shared = RotaryTables.share(callers);
            assertSame(cache, KeyValueCache.of(shared));
            assertEquals(1, callers.size(), "the caller's parameters are not changed");
            assertEquals(null, RotaryTables.of(callers));
        }
    }
}
