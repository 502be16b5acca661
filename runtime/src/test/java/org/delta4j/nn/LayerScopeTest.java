package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A layer's intermediates are freed when it returns, its output and inputs stay with the pass until
 * the next layer has read the output; in training as in inference, since autograd keeps its own
 * references to what the backward pass reads.
 */
class LayerScopeTest {
    @Test
    void inferenceFreesIntermediatesAndKeepsOutputAndInputs() {
        try (NDManager pass = NDManager.newBaseManager()) {
            NDArray x = pass.create(new float[] {1, 2, 3});
            NDArray y = pass.create(new float[] {10, 20, 30});
            AtomicReference<NDArray> intermediate = new AtomicReference<>();
            NDArray out =
                    new LayerScope(false)
                            .run(
                                    () -> {
                                        intermediate.set(x.mul(x));
                                        return intermediate.get().add(y);
                                    },
                                    x,
                                    y);
            assertTrue(intermediate.get().isReleased(), "the intermediate is freed");
            assertFalse(out.isReleased());
            assertSame(pass, out.getManager());
            assertSame(pass, x.getManager());
            assertSame(pass, y.getManager());
            assertArrayEquals(new float[] {11, 24, 39}, out.toFloatArray());
            assertArrayEquals(new float[] {1, 2, 3}, x.toFloatArray());
        }
    }

    @Test
    void outputsTheLayerMadeMoveToThePassAndPassedOnInputsGoBack() {
        try (NDManager pass = NDManager.newBaseManager();
                NDManager cache = NDManager.newBaseManager()) {
            NDArray x = pass.create(new float[] {1, 2});
            NDArray shared = pass.create(new float[] {3, 4});
            NDArray cached = cache.create(new float[] {5, 6});
            NDList out =
                    new LayerScope(false)
                            .runAll(
                                    () -> new NDList(x.add(cached), x.mul(x), shared, cached),
                                    x,
                                    shared,
                                    cached);
            // Like T5's first block, which makes the position bias the later blocks read.
            assertSame(pass, out.get(0).getManager());
            assertSame(pass, out.get(1).getManager());
            assertSame(pass, shared.getManager());
            assertSame(cache, cached.getManager(), "a lent array goes back to its own manager");
            assertArrayEquals(new float[] {6, 8}, out.get(0).toFloatArray());
            assertArrayEquals(new float[] {1, 4}, out.get(1).toFloatArray());
            assertArrayEquals(new float[] {5, 6}, cached.toFloatArray());
        }
    }

    @Test
    void hiddenStatesAreFreedOnceTheNextLayerHasReadThem() {
        try (NDManager pass = NDManager.newBaseManager()) {
            NDArray x = pass.create(new float[] {1, 2});
            NDArray mask = pass.create(new float[] {1, 1});
            LayerScope scopes = new LayerScope(false);
            NDArray first = scopes.run(() -> x.add(mask), x, mask);
            NDArray second = scopes.run(() -> first.add(mask), first, mask);
            NDArray third = scopes.run(() -> second, second, mask);
            assertTrue(first.isReleased(), "the first layer's output, read by the second");
            assertFalse(x.isReleased(), "the stack's input");
            assertFalse(mask.isReleased());
            assertSame(second, third, "a layer may pass its input on");
            assertSame(pass, third.getManager());
            assertArrayEquals(new float[] {3, 4}, third.toFloatArray());
        }
    }

    @Test
    void anInputGivenTwiceOutlivesTheLayer() {
        try (NDManager pass = NDManager.newBaseManager()) {
            NDArray x = pass.create(new float[] {1, 2});
            NDArray mask = pass.create(new float[] {0, 1});
            NDArray out = new LayerScope(false).run(() -> x.add(mask), x, mask, mask);
            assertFalse(mask.isReleased());
            assertSame(pass, mask.getManager());
            assertArrayEquals(new float[] {0, 1}, mask.toFloatArray());
            assertArrayEquals(new float[] {1, 3}, out.toFloatArray());
        }
    }

    @Test
    void trainingFreesIntermediatesAndHiddenStatesYetBackwardReachesTheInput() {
        try (NDManager pass = NDManager.newBaseManager()) {
            NDArray x = pass.create(new float[] {1, 2, 3});
            x.setRequiresGradient(true);
            AtomicReference<NDArray> intermediate = new AtomicReference<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                LayerScope scopes = new LayerScope(true);
                NDArray first =
                        scopes.run(
                                () -> {
                                    intermediate.set(x.mul(x));
                                    return intermediate.get().add(x);
                                },
                                x);
                NDArray second = scopes.run(() -> first.add(x), first, x);
                assertTrue(intermediate.get().isReleased());
                assertTrue(first.isReleased());
                assertArrayEquals(new float[] {3, 8, 15}, second.toFloatArray());
                collector.backward(second.sum());
            }
            // d/dx (x^2 + x + x) = 2x + 2, through the arrays the layers' scopes closed.
            assertArrayEquals(new float[] {4, 6, 8}, x.getGradient().toFloatArray());
        }
    }

    @Test
    void passManagerIsTheManagerOutsideEveryLayer() {
        try (NDManager pass = NDManager.newBaseManager()) {
            NDArray x = pass.create(new float[] {1, 2});
            AtomicReference<NDManager> seen = new AtomicReference<>();
            new LayerScope(false)
                    .run(
                            () -> {
                                NDArray inLayer = x.mul(x);
                                seen.set(LayerScope.passManager(inLayer));
                                return inLayer;
                            },
                            x);
            assertSame(pass, seen.get());
            assertSame(pass, LayerScope.passManager(x));
        }
    }
}
