package org.delta4j.models.bart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.delta4j.models.HfModels;
import org.delta4j.models.ModelInputs;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;

/** Delta surgery replaces children by reflection; BART's blocks must run whatever their fields hold now. */
class BartSurgeryTest {
    /** A stand-in that runs the original block and doubles its output. */
    private static final class Doubling extends AbstractBlock {
        private final Block inner;

        Doubling(Block inner) {
            this.inner = inner;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(inner.forward(ps, inputs, training, params).head().mul(2));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inner.getOutputShapes(inputShapes);
        }
    }

    @Test
    void everyChildFieldIsAMutableBlock() {
        Block model = new BartForConditionalGeneration(TinyBart.config("BartForConditionalGeneration"));
        int checked = 0;
        for (Module m : ModuleTree.of(model).modules()) {
            for (Field f : m.block().getClass().getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || !Block.class.isAssignableFrom(f.getType())
                        && !isChildValue(m.block(), f)) {
                    continue;
                }
                String where = m.block().getClass().getSimpleName() + "." + f.getName();
                assertEquals(Block.class, f.getType(), where + " must be declared as Block");
                assertFalse(Modifier.isFinal(f.getModifiers()), where + " must not be final");
                checked++;
            }
        }
        assertTrue(checked > 50, "checked only " + checked + " fields");
    }

    @Test
    void swappedFieldAndListChildrenAreTheOnesThatRun() throws ReflectiveOperationException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyBart.config("BartModel"), manager, 11);
            NDList in = ModelInputs.of(manager, Map.of("input_ids", new long[][] {{0, 5, 6, 2}}));
            NDArray before = forward(model, manager, in);

            Block layer = ModuleTree.of(model).module("encoder.layers.0").block();
            Field fc2 = BartEncoderLayer.class.getDeclaredField("fc2");
            fc2.setAccessible(true);
            Block original = (Block) fc2.get(layer);
            fc2.set(layer, new Doubling(original));
            assertNotEquals(before, forward(model, manager, in));
            fc2.set(layer, original);
            assertEquals(before, forward(model, manager, in));

            Block layers = ModuleTree.of(model).module("decoder.layers").block();
            Field childrenField = AbstractBlock.class.getDeclaredField("children");
            childrenField.setAccessible(true);
            BlockList children = (BlockList) childrenField.get(layers);
            Block last = children.valueAt(1);
            children.remove(1);
            children.add(1, "1", new Doubling(last));
            assertNotEquals(before, forward(model, manager, in));
        }
    }

    private static NDArray forward(Block model, NDManager manager, NDList in) {
        return model.forward(new ParameterStore(manager, false), in, false).get("last_hidden_state");
    }

    private static boolean isChildValue(Block block, Field f) {
        try {
            f.setAccessible(true);
            Object value = f.get(block);
            return value != null && block.getChildren().values().contains(value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
