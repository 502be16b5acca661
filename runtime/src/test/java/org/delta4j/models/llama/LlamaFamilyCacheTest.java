package org.delta4j.models.llama;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.KeyValueCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding through a {@link KeyValueCache}, a forward per token, gives the logits of the full
 * forward at every real position, with left padding and HF's {@code position_ids} (the mask's
 * cumulative sum minus one, pads at 1), with grouped-query attention, and with a prefix.
 */
class LlamaFamilyCacheTest {
    private static final float TOLERANCE = 1e-5f;

    private static final long[][] IDS = {
        {0, 0, 0, 5, 17, 33, 9, 120}, {4, 8, 15, 16, 23, 42, 7, 99}, {0, 0, 0, 0, 0, 61, 3, 77}
    };
    private static final long[][] MASK = {
        {0, 0, 0, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 1, 1, 1}
    };

    @ParameterizedTest
    @ValueSource(strings = {"llama_for_causal_lm", "mistral_for_causal_lm", "qwen2_for_causal_lm"})
    void cachedStepsGiveTheFullForwardsLogits(String fixture) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.load(Fixtures.model(fixture), manager);
            assertCachedStepsMatch(model, manager);
        }
    }

    @Test
    void cachedStepsWithAPrefixGiveTheFullForwardsLogits() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.load(Fixtures.model("llama_for_causal_lm"), manager);
            TuningSpec.builder()
                    .add(PrefixSpec.builder().prefixTokenNum(3).build())
                    .build()
                    .attach(model);
            assertCachedStepsMatch(model, manager);
        }
    }

    private static void assertCachedStepsMatch(Block model, NDManager manager) {
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray ids = manager.create(IDS);
        NDArray mask = manager.create(MASK);
        // HF's generate: cumsum(mask) - 1, with pads at 1.
        NDArray positions = mask.cumSum(1).sub(1);
        positions = positions.mul(mask).add(mask.eq(0).toType(positions.getDataType(), false));
        NDArray full = model.forward(ps, inputs(ids, mask, positions), false).get("logits");
        int length = IDS[0].length;
        try (KeyValueCache cache = new KeyValueCache(manager)) {
            for (int t = 0; t < length; t++) {
                NDList step =
                        inputs(
                                ids.get(new NDIndex(":, {}:{}", t, t + 1)),
                                mask.get(new NDIndex(":, :{}", t + 1)),
                                positions.get(new NDIndex(":, {}:{}", t, t + 1)));
                NDArray logits = model.forward(ps, step, false, cache.params()).get("logits");
                for (int row = 0; row < IDS.length; row++) {
                    if (MASK[row][t] == 1) {
                        float diff =
                                Fixtures.maxAbsDiff(
                                        logits.get(new NDIndex("{}, 0", row)),
                                        full.get(new NDIndex("{}, {}", row, t)));
                        assertTrue(
                                diff <= TOLERANCE,
                                "row " + row + " position " + t + " differs by " + diff);
                    }
                }
            }
        }
    }

    private static NDList inputs(NDArray ids, NDArray mask, NDArray positions) {
        ids.setName("input_ids");
        mask.setName("attention_mask");
        positions.setName("position_ids");
        return new NDList(ids, mask, positions);
    }
}
