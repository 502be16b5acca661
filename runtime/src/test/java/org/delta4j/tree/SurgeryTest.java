package org.delta4j.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.host.LinearDeltaHost;
import org.delta4j.delta.lora.LoraSpec;
import org.junit.jupiter.api.Test;

/** Surgery and naming on plain DJL blocks that know nothing of delta4j. */
class SurgeryTest {
    /** A user's own DJL block: children through typed private fields, as DJL's own blocks do. */
    static final class UserBlock extends AbstractBlock {
        private final Linear proj;
        private final LayerNorm norm;
        private final Block mlp;

        UserBlock() {
            proj = addChildBlock("proj", Linear.builder().setUnits(6).build());
            norm = addChildBlock("norm", LayerNorm.builder().build());
            mlp =
                    addChildBlock(
                            "mlp",
                            new SequentialBlock()
                                    .add(Linear.builder().setUnits(6).build())
                                    .add(Activation::relu)
                                    .add(Linear.builder().setUnits(6).build()));
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList x, boolean training, PairList<String, Object> p) {
            return mlp.forward(
                    ps, norm.forward(ps, proj.forward(ps, x, training), training), training);
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            proj.initialize(manager, dataType, inputShapes);
            Shape[] s = proj.getOutputShapes(inputShapes);
            norm.initialize(manager, dataType, s);
            mlp.initialize(manager, dataType, s);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return mlp.getOutputShapes(proj.getOutputShapes(inputShapes));
        }
    }

    /** A parent whose field type no wrapper can fill. */
    static final class StrictParent extends AbstractBlock {
        private final StrictLinear fc;

        StrictParent() {
            fc = addChildBlock("fc", new StrictLinear());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList x, boolean training, PairList<String, Object> p) {
            return fc.forward(ps, x, training);
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            fc.initialize(manager, dataType, inputShapes);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return fc.getOutputShapes(inputShapes);
        }
    }

    static final class StrictLinear extends Linear {
        StrictLinear() {
            super(Linear.builder().setUnits(4));
        }
    }

    @Test
    void djlNamesLoseTheirPrefixSequentialChildrenAreNumberedAndNormParamsGetHfNames() {
        try (NDManager m = NDManager.newBaseManager()) {
            UserBlock b = new UserBlock();
            b.initialize(m, DataType.FLOAT32, new Shape(2, 5));
            ModuleTree tree = ModuleTree.of(b);
            assertEquals(
                    List.of("", "proj", "norm", "mlp", "mlp.0", "mlp.1", "mlp.2"), tree.paths());
            assertEquals(
                    List.of(
                            "proj.weight",
                            "proj.bias",
                            "norm.weight",
                            "norm.bias",
                            "mlp.0.weight",
                            "mlp.0.bias",
                            "mlp.2.weight",
                            "mlp.2.bias"),
                    List.copyOf(tree.parameters().keySet()));
        }
    }

    @Test
    void loraOnATypedDjlLinearFieldUsesALinearHostAndDetachRestoresTheField() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UserBlock b = new UserBlock();
            b.initialize(m, DataType.FLOAT32, new Shape(2, 5));
            NDArray x = m.randomNormal(new Shape(2, 5));
            float[] base =
                    b.forward(new ParameterStore(m, false), new NDList(x), false)
                            .head()
                            .toFloatArray();
            Linear original = b.proj;
            Tuning t =
                    TuningSpec.builder()
                            .add(LoraSpec.builder().modules("proj", "mlp.0").r(2).build())
                            .build()
                            .attach(b);
            assertTrue(b.proj instanceof LinearDeltaHost);
            assertSame(b.proj, b.getChildren().get("01proj"));
            assertArrayEquals(
                    base,
                    b.forward(new ParameterStore(m, false), new NDList(x), false)
                            .head()
                            .toFloatArray());
            assertTrue(ModuleTree.of(b).parameters().containsKey("mlp.0.lora.lora_B"));
            t.detach();
            assertSame(original, b.proj);
            assertSame(original, b.getChildren().get("01proj"));
        }
    }

    @Test
    void aFieldThatCannotHoldTheWrapperIsAnErrorThatChangesNothing() {
        try (NDManager m = NDManager.newBaseManager()) {
            StrictParent p = new StrictParent();
            p.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            StrictLinear before = p.fc;
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    TuningSpec.builder()
                                            .add(LoraSpec.builder().modules("fc").build())
                                            .build()
                                            .attach(p));
            assertTrue(e.getMessage().contains("StrictParent.fc"), e.getMessage());
            assertTrue(
                    e.getMessage().contains("Declare the field as ai.djl.nn.Block"),
                    e.getMessage());
            assertSame(before, p.fc);
            assertSame(before, p.getChildren().get("01fc"));
        }
    }
}
