package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.lang.reflect.Field;
import org.delta4j.models.Doubling;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.api.Test;

/** A child handle reads its parent's child list as it is at each call. */
class ChildTest {
    /** Two layer norms run one after the other, reached through handles. */
    static final class TwoNorms extends HfBlock {
        final Child first = child("first", new LayerNorm(4, 1e-5f));
        final Child second = child("second", new LayerNorm(4, 1e-5f));

        @Override
        protected NDList compute(
                ParameterStore ps, NDList x, boolean training, PairList<String, Object> p) {
            return second.forward(ps, first.forward(ps, x, training), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    @Test
    void aChildReplacedInTheListIsTheOneThatRunsAndUndoingPutsTheOriginalBack() {
        try (NDManager m = NDManager.newBaseManager()) {
            TwoNorms norms = new TwoNorms();
            norms.initialize(m, DataType.FLOAT32, new Shape(2, 4));
            NDList x = new NDList(m.randomNormal(new Shape(2, 4)));
            float[] before = forward(norms, m, x);
            Block original = norms.second.block();
            Surgery.Replacement r = Surgery.replace(norms, "second", new Doubling(original));
            assertTrue(norms.second.block() instanceof Doubling);
            float[] doubled = forward(norms, m, x);
            for (int i = 0; i < before.length; i++) {
                assertEquals(2 * before[i], doubled[i], "the replacement did not run at " + i);
            }
            r.undo();
            assertSame(original, norms.second.block());
            assertArrayEquals(before, forward(norms, m, x));
        }
    }

    @Test
    void aChildIsFoundByNameWhenTheListBeforeItChanged() throws ReflectiveOperationException {
        TwoNorms norms = new TwoNorms();
        Block second = norms.second.block();
        children(norms).remove("first");
        assertSame(second, norms.second.block());
    }

    @Test
    void aRemovedChildIsAnErrorNamingTheParentTheChildAndWhatIsThere()
            throws ReflectiveOperationException {
        TwoNorms norms = new TwoNorms();
        children(norms).remove("second");
        IllegalStateException e = assertThrows(IllegalStateException.class, norms.second::block);
        assertTrue(
                e.getMessage().contains("TwoNorms has no child named \"second\""), e.getMessage());
        assertTrue(e.getMessage().contains("[first]"), e.getMessage());
    }

    private static float[] forward(Block block, NDManager m, NDList x) {
        return block.forward(new ParameterStore(m, false), x, false).head().toFloatArray();
    }

    private static BlockList children(Block block) throws ReflectiveOperationException {
        Field f = AbstractBlock.class.getDeclaredField("children");
        f.setAccessible(true);
        return (BlockList) f.get(block);
    }
}
