package org.delta4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import org.delta4j.models.AttentionMasks;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.nn.AttentionHeads;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The prefix contract of the attention blocks ({@link AttentionPrefix}): HF's {@code
 * past_key_value}.
 */
class BertFamilyPrefixTest {
    private static final long[][] IDS = {{5, 31, 12, 45, 7, 2}, {9, 8, 17, 23, 3, 3}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
    private static final int HEADS = 4;

    /** What a prefix delta does: adds the named prefix arrays to the wrapped block's inputs. */
    private static final class WithPrefix extends AbstractBlock {
        private final Block inner;
        private final NDArray key;
        private final NDArray value;

        WithPrefix(Block inner, NDArray key, NDArray value) {
            this.inner = inner;
            this.key = key;
            this.value = value;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDList in = new NDList(inputs);
            in.add(key);
            in.add(value);
            return inner.forward(ps, in, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inner.getOutputShapes(inputShapes);
        }
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    private static NDArray output(Block model, NDManager manager) {
        NDList in = ModelInputs.of(manager, Map.of("input_ids", IDS, "attention_mask", MASK));
        return model.forward(new ParameterStore(manager, false), in, false)
                .get("last_hidden_state");
    }

    private static NDArray run(Block block, NDManager manager, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), false).head();
    }

    /**
     * Prefix keys and values projected from extra tokens act as if those tokens came first in the
     * sequence.
     */
    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void prefixEqualsAttendingToLeadingTokens(String architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModuleTree tree = ModuleTree.of(TinyBertFamily.random(architecture, manager, 21));
            String path = TinyBertFamily.selfAttention(architecture);
            boolean distil = architecture.startsWith("Distil");
            Block attention = tree.module(path).block();
            NDArray lead = manager.randomNormal(new Shape(2, 3, 32));
            NDArray x = manager.randomNormal(new Shape(2, 6, 32));
            NDArray mask = AttentionMasks.padding(manager.create(MASK));
            NDArray key =
                    AttentionHeads.split(
                            run(
                                    tree.module(path + (distil ? ".k_lin" : ".key")).block(),
                                    manager,
                                    lead),
                            HEADS);
            NDArray value =
                    AttentionHeads.split(
                            run(
                                    tree.module(path + (distil ? ".v_lin" : ".value")).block(),
                                    manager,
                                    lead),
                            HEADS);
            NDArray withPrefix =
                    distil
                            ? run(
                                    attention,
                                    manager,
                                    x,
                                    x,
                                    x,
                                    mask,
                                    named(key, AttentionPrefix.KEY),
                                    named(value, AttentionPrefix.VALUE))
                            : run(
                                    attention,
                                    manager,
                                    x,
                                    mask,
                                    named(key, AttentionPrefix.KEY),
                                    named(value, AttentionPrefix.VALUE));
            // Keys and values of the whole sequence; only the queries of x are compared.
            NDArray all = lead.concat(x, 1);
            NDArray longMask = manager.zeros(new Shape(2, 1, 1, 3)).concat(mask, 3);
            NDArray full =
                    distil
                            ? run(attention, manager, all, all, all, longMask)
                            : run(attention, manager, all, longMask);
            float diff = Fixtures.maxAbsDiff(full.get(":, 3:"), withPrefix);
            assertTrue(
                    diff < 1e-5, architecture + " prefix differs from leading tokens by " + diff);
        }
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void prefixChangesTheModelAndAnEmptyPrefixDoesNot(String architecture) {
        String self = TinyBertFamily.selfAttention(architecture);
        String container = self.endsWith(".self") ? self.substring(0, self.lastIndexOf('.')) : self;
        for (String path : new String[] {self, container}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Block model = TinyBertFamily.random(architecture, manager, 22);
                NDArray plain = output(model, manager);
                Block original = ModuleTree.of(model).module(path).block();
                NDArray emptyKey =
                        named(manager.zeros(new Shape(2, HEADS, 0, 8)), AttentionPrefix.KEY);
                NDArray emptyValue =
                        named(manager.zeros(new Shape(2, HEADS, 0, 8)), AttentionPrefix.VALUE);
                Surgery.Replacement empty =
                        Surgery.replace(
                                model, path, new WithPrefix(original, emptyKey, emptyValue));
                assertEquals(
                        plain,
                        output(model, manager),
                        path + ": an empty prefix must change nothing");
                empty.undo();
                NDArray key =
                        named(manager.randomNormal(new Shape(2, HEADS, 3, 8)), AttentionPrefix.KEY);
                NDArray value =
                        named(
                                manager.randomNormal(new Shape(2, HEADS, 3, 8)),
                                AttentionPrefix.VALUE);
                Surgery.replace(model, path, new WithPrefix(original, key, value));
                NDArray prefixed = output(model, manager);
                assertEquals(plain.getShape(), prefixed.getShape());
                assertTrue(
                        Fixtures.maxAbsDiff(plain, prefixed) > 1e-3,
                        path + ": a prefix must change the output");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void malformedPrefixesAreRejected(String architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = TinyBertFamily.random(architecture, manager, 23);
            String path = TinyBertFamily.selfAttention(architecture);
            Block original = ModuleTree.of(model).module(path).block();
            NDArray key = named(manager.zeros(new Shape(2, HEADS, 3, 8)), AttentionPrefix.KEY);
            NDArray value = named(manager.zeros(new Shape(2, HEADS, 3, 8)), "not_a_prefix");
            Surgery.Replacement half =
                    Surgery.replace(model, path, new WithPrefix(original, key, value));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> output(model, manager));
            assertTrue(
                    e.getMessage().contains("needs both prefix_key and prefix_value"),
                    e.getMessage());
            half.undo();
            NDArray wrongHeads =
                    named(manager.zeros(new Shape(2, 2, 3, 16)), AttentionPrefix.VALUE);
            NDArray key2 = named(manager.zeros(new Shape(2, 2, 3, 16)), AttentionPrefix.KEY);
            Surgery.replace(model, path, new WithPrefix(original, key2, wrongHeads));
            e = assertThrows(IllegalArgumentException.class, () -> output(model, manager));
            assertTrue(
                    e.getMessage().contains("(2, 2, 3, 16)")
                            && e.getMessage().contains("(2, 4, 6, 8)"),
                    e.getMessage());
        }
    }
}
