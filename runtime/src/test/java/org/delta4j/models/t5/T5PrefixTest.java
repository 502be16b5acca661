package org.delta4j.models.t5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.delta4j.models.AttentionMasks;
import org.delta4j.models.Fixtures;
import org.delta4j.nn.AttentionHeads;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;

/**
 * T5Attention's prefix contract: a prefix of {@code p} states behaves as HF's {@code
 * past_key_value} of the {@code p} earlier positions, relative position bias included;
 * cross-attention prepends it to the encoder states.
 */
class T5PrefixTest {
    private static final int P = 3;
    private static final int S = 5;
    private static final float TOLERANCE = 1e-6f;

    private static T5Attention attention(NDManager manager, boolean decoder, boolean table) {
        T5Attention attn = new T5Attention(TinyT5.config("T5Model", ""), decoder, table);
        manager.getEngine().setRandomSeed(21);
        attn.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        return attn;
    }

    private static NDList run(Block block, NDManager manager, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), false);
    }

    /**
     * The attention's own projection of some states, split into heads: what HF caches as a past.
     */
    private static NDArray past(
            T5Attention attn, String projection, NDArray states, NDManager manager, String name) {
        Block proj = ModuleTree.of(attn).module(projection).block();
        NDArray heads = AttentionHeads.split(run(proj, manager, states).head(), 4);
        heads.setName(name);
        return heads;
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    private static NDArray zeroMask(NDManager manager, long keys) {
        return manager.zeros(new Shape(2, 1, 1, keys));
    }

    private void assertPrefixIsPast(boolean decoder) {
        try (NDManager manager = NDManager.newBaseManager()) {
            T5Attention attn = attention(manager, decoder, true);
            NDArray x = manager.randomNormal(new Shape(2, P + S, 32));
            NDArray fullMask =
                    decoder ? AttentionMasks.causal(manager, P + S) : zeroMask(manager, P + S);
            NDList full = run(attn, manager, x, fullMask);
            NDArray key = past(attn, "k", x.get(":, :{}", P), manager, AttentionPrefix.KEY);
            NDArray value = past(attn, "v", x.get(":, :{}", P), manager, AttentionPrefix.VALUE);
            NDArray tailMask = decoder ? AttentionMasks.causal(manager, S) : zeroMask(manager, S);
            NDList prefixed = run(attn, manager, x.get(":, {}:", P), tailMask, key, value);
            assertTrue(
                    Fixtures.maxAbsDiff(prefixed.head(), full.head().get(":, {}:", P)) < TOLERANCE);
            // The bias is compute_bias(p + length, p + length) without its first p rows.
            NDArray bias = T5Attention.positionBias(prefixed);
            assertEquals(new Shape(1, 4, S, P + S), bias.getShape());
            assertEquals(T5Attention.positionBias(full).get(":, :, {}:, :", P), bias);
            assertTrue(
                    Fixtures.maxAbsDiff(
                                    prefixed.head(),
                                    run(attn, manager, x.get(":, {}:", P), tailMask).head())
                            > 1e-3f,
                    "the prefix must change the output");
        }
    }

    @Test
    void encoderPrefixIsAPastWithBidirectionalBias() {
        assertPrefixIsPast(false);
    }

    @Test
    void decoderPrefixIsAPastThatEveryQuerySees() {
        assertPrefixIsPast(true);
    }

    @Test
    void crossAttentionPrefixComesBeforeTheEncoderStates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            T5Attention attn = attention(manager, true, false);
            NDArray hidden = manager.randomNormal(new Shape(2, S, 32));
            NDArray encoded = manager.randomNormal(new Shape(2, 7, 32));
            NDArray extra = manager.randomNormal(new Shape(2, P, 32));
            NDList full =
                    run(
                            attn,
                            manager,
                            hidden,
                            zeroMask(manager, P + 7),
                            NDArrays.concat(new NDList(extra, encoded), 1));
            NDList prefixed =
                    run(
                            attn,
                            manager,
                            hidden,
                            zeroMask(manager, 7),
                            encoded,
                            past(attn, "k", extra, manager, AttentionPrefix.KEY),
                            past(attn, "v", extra, manager, AttentionPrefix.VALUE));
            assertTrue(Fixtures.maxAbsDiff(prefixed.head(), full.head()) < TOLERANCE);
            assertEquals(1, prefixed.size(), "cross-attention has no position bias");
        }
    }

    @Test
    void aBiasForAnotherPrefixLengthIsDroppedAsOpenDeltaDoes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(2, S, 32));
            NDArray stale =
                    named(manager.randomNormal(new Shape(1, 4, S, S)), T5Attention.POSITION_BIAS);
            NDArray key = named(manager.randomNormal(new Shape(1, 4, P, 8)), AttentionPrefix.KEY);
            NDArray value =
                    named(manager.randomNormal(new Shape(1, 4, P, 8)), AttentionPrefix.VALUE);
            NDArray mask = zeroMask(manager, S);
            // Without a table: no bias at all.
            T5Attention plain = attention(manager, false, false);
            NDList withStale = run(plain, manager, x, mask, stale, key, value);
            NDList without = run(plain, manager, x, mask, key, value);
            assertEquals(without.head(), withStale.head());
            assertNull(T5Attention.positionBias(withStale));
            // With a table: computed afresh for the prefixed keys.
            T5Attention owner = attention(manager, false, true);
            NDList recomputed = run(owner, manager, x, mask, stale, key, value);
            assertEquals(run(owner, manager, x, mask, key, value).head(), recomputed.head());
            assertEquals(
                    new Shape(1, 4, S, P + S), T5Attention.positionBias(recomputed).getShape());
        }
    }

    @Test
    void aFittingBiasIsUsedAndPassedOn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            T5Attention plain = attention(manager, false, false);
            NDArray x = manager.randomNormal(new Shape(2, S, 32));
            NDArray bias =
                    named(manager.randomNormal(new Shape(1, 4, S, S)), T5Attention.POSITION_BIAS);
            NDList with = run(plain, manager, x, zeroMask(manager, S), bias);
            NDList without = run(plain, manager, x, zeroMask(manager, S));
            assertTrue(Fixtures.maxAbsDiff(with.head(), without.head()) > 1e-3f);
            assertEquals(bias, T5Attention.positionBias(with));
            assertEquals(1, without.size());
        }
    }
}
