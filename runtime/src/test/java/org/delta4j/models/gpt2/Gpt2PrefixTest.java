package org.delta4j.models.gpt2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.delta4j.models.AttentionMasks;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.PrefixedAttention;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.AttentionHeads;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.api.Test;

/** GPT2Attention's prefix contract: HF's {@code layer_past} semantics. */
class Gpt2PrefixTest {
    private static final int P = 3;
    private static final int S = 5;

    private static GPT2Attention attention(NDManager manager) {
        GPT2Attention attn = new GPT2Attention(TinyGpt2.config("GPT2Model", ""), 0);
        manager.getEngine().setRandomSeed(11);
        attn.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        return attn;
    }

    private static NDArray run(Block block, NDManager manager, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), false).head();
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    @Test
    void prefixIsLayerPastOfTheEarlierTokens() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GPT2Attention attn = attention(manager);
            NDArray x = manager.randomNormal(new Shape(2, P + S, 32));
            NDArray ones = manager.ones(new Shape(2, P + S), DataType.INT64);
            ones.set(new NDIndex("1, -1"), 0);
            NDArray full = run(attn, manager, x, AttentionMasks.padding(ones));
            // HF's present for the first P tokens: their projected keys and values.
            Block cAttn = ModuleTree.of(attn).module("c_attn").block();
            NDList kv = run(cAttn, manager, x.get(":, :{}", P)).split(3, 2);
            NDArray key = named(AttentionHeads.split(kv.get(1), 4), AttentionPrefix.KEY);
            NDArray value = named(AttentionHeads.split(kv.get(2), 4), AttentionPrefix.VALUE);
            NDArray tail = x.get(":, {}:", P);
            NDArray tailMask = AttentionMasks.padding(ones.get(":, {}:", P));
            NDArray prefixed = run(attn, manager, tail, tailMask, key, value);
            assertTrue(Fixtures.maxAbsDiff(prefixed, full.get(":, {}:", P)) < 1e-6f);
            // The prefix matters, and a batch-1 prefix is broadcast.
            assertTrue(Fixtures.maxAbsDiff(prefixed, run(attn, manager, tail, tailMask)) > 1e-3f);
            NDArray key1 = named(key.get("0:1"), AttentionPrefix.KEY);
            NDArray value1 = named(value.get("0:1"), AttentionPrefix.VALUE);
            NDArray broadcast = run(attn, manager, tail, tailMask, key1, value1);
            assertEquals(prefixed.get("0"), broadcast.get("0"));
        }
    }

    @Test
    void malformedPrefixesAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GPT2Attention attn = attention(manager);
            NDArray x = manager.randomNormal(new Shape(1, S, 32));
            NDArray mask = AttentionMasks.padding(manager.ones(new Shape(1, S), DataType.INT64));
            NDArray key = named(manager.zeros(new Shape(1, 4, P, 8)), AttentionPrefix.KEY);
            String onlyKey =
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> run(attn, manager, x, mask, key))
                            .getMessage();
            assertTrue(onlyKey.contains("prefix_value"), onlyKey);
            NDArray wrongHeads = named(manager.zeros(new Shape(1, 2, P, 16)), AttentionPrefix.KEY);
            NDArray value = named(manager.zeros(new Shape(1, 2, P, 16)), AttentionPrefix.VALUE);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> run(attn, manager, x, mask, wrongHeads, value));
            NDArray longKey = named(manager.zeros(new Shape(1, 4, 60, 8)), AttentionPrefix.KEY);
            NDArray longValue = named(manager.zeros(new Shape(1, 4, 60, 8)), AttentionPrefix.VALUE);
            String tooLong =
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> run(attn, manager, x, mask, longKey, longValue))
                            .getMessage();
            assertTrue(tooLong.contains("n_positions = 64"), tooLong);
        }
    }

    @Test
    void prefixDeltaOnTheModelChangesItAndDetachingRestoresIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyGpt2.config("GPT2LMHeadModel", ""), manager, 12);
            NDList in =
                    ModelInputs.of(
                            manager,
                            Map.of(
                                    "input_ids",
                                    new long[][] {{4, 8, 15, 16, 23, 42}},
                                    "attention_mask",
                                    new long[][] {{1, 1, 1, 1, 1, 0}}));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray before = model.forward(ps, in, false).get("logits");
            Block attn = ModuleTree.of(model).module("transformer.h.1.attn").block();
            PrefixedAttention prefixed =
                    new PrefixedAttention(
                            attn,
                            manager.randomNormal(new Shape(1, 4, P, 8)),
                            manager.randomNormal(new Shape(1, 4, P, 8)),
                            false);
            Surgery.Replacement swap = Surgery.replace(model, "transformer.h.1.attn", prefixed);
            NDArray with = model.forward(ps, in, false).get("logits");
            assertTrue(
                    Fixtures.maxAbsDiff(before, with) > 1e-4f, "the prefix must change the output");
            swap.undo();
            assertEquals(before, model.forward(ps, in, false).get("logits"));
        }
    }
}
