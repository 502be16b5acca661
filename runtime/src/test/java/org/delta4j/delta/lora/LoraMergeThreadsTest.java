package org.delta4j.delta.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.Arrays2;
import org.delta4j.testing.TinyNet;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Merging from threads other than the one that started the engine, where PyTorch records gradients
 * by default: the merge must not turn weights into graph nodes, and a failed merge must leave every
 * weight as it was.
 */
class LoraMergeThreadsTest {
    private static final float TOLERANCE = 1e-5f;

    private NDManager manager;
    private TinyNet net;
    private NDArray x;
    private ExecutorService worker;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        net = TinyNet.seeded(manager, 5);
        x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
        worker = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        manager.close();
    }

    private Tuning lora(boolean freezeBackbone) {
        TuningSpec.Builder spec =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1", "fc2").r(2).alpha(6).build());
        if (freezeBackbone) {
            spec.freeze(FreezeSpec.builder().exclude("deltas").build());
        }
        Tuning t = spec.build().attach(net);
        t.deltaParameters()
                .values()
                .forEach(p -> ParameterValues.assign(p, manager.randomNormal(p.getShape())));
        return t;
    }

    private float[] out() {
        return TinyNet.output(net, manager, x);
    }

    private <T> T inWorker(Callable<T> work) throws Exception {
        Future<T> f =
                worker.submit(
                        () -> {
                            assertTrue(
                                    JniUtils.isGradMode(),
                                    "a fresh thread records gradients: the case under test");
                            T result = work.call();
                            assertTrue(JniUtils.isGradMode(), "the worker's grad mode is restored");
                            return result;
                        });
        return f.get(60, TimeUnit.SECONDS);
    }

    @Test
    void mergeUnmergeAndUnloadWorkFromAWorkerThreadOnAFrozenBackbone() throws Exception {
        Tuning t = lora(true);
        Map<String, float[]> base = Arrays2.snapshot(ModuleTree.of(net).parameters());
        float[] unmerged = out();

        inWorker(
                () -> {
                    LoraMerge.merge(t);
                    return null;
                });
        assertTrue(LoraMerge.isMerged(t));
        Arrays2.assertClose(unmerged, out(), TOLERANCE, "merged in a worker");
        Parameter w = ModuleTree.of(net).parameters().get("layers.0.fc1.weight");
        assertFalse(w.requiresGradient(), "the frozen weight stays frozen");
        w.getArray().setRequiresGradient(false); // throws for a weight that became a graph node

        inWorker(
                () -> {
                    LoraMerge.unmerge(t);
                    return null;
                });
        assertFalse(LoraMerge.isMerged(t));
        Arrays2.assertClose(unmerged, out(), TOLERANCE, "unmerged in a worker");
        Map<String, Parameter> after = ModuleTree.of(net).parameters();
        base.forEach(
                (path, v) ->
                        Arrays2.assertClose(
                                v, after.get(path).getArray().toFloatArray(), TOLERANCE, path));

        inWorker(
                () -> {
                    LoraMerge.mergeAndUnload(t);
                    return null;
                });
        assertFalse(t.isAttached());
        Arrays2.assertClose(unmerged, out(), TOLERANCE, "merged and unloaded in a worker");
    }

    @Test
    void aTrainableBackboneStaysATrainableLeafAfterAWorkerMerge() throws Exception {
        Tuning t = lora(false);
        inWorker(
                () -> {
                    LoraMerge.merge(t);
                    return null;
                });
        Parameter w = ModuleTree.of(net).parameters().get("layers.0.fc2.weight");
        assertTrue(w.requiresGradient());
        w.getArray().setRequiresGradient(true); // only a leaf takes this
    }

    /**
     * The defect: a merge that failed half-way kept the weights it had written, and its rollback
     * skipped one.
     */
    @Test
    void aMergeThatFailsHalfWayLeavesEveryWeightBitForBit() throws Exception {
        Tuning t = lora(true);
        Map<String, float[]> before = Arrays2.snapshot(ModuleTree.of(net).parameters());
        // The last layer's update cannot be computed: its B has been freed.
        t.deltaParameters().get("layers.1.fc2.lora.lora_B").getArray().close();

        Exception e =
                assertThrows(
                        Exception.class,
                        () ->
                                inWorker(
                                        () -> {
                                            LoraMerge.merge(t);
                                            return null;
                                        }));
        assertTrue(e.getCause() instanceof RuntimeException, e.toString());
        assertFalse(LoraMerge.isMerged(t));
        Map<String, Parameter> after = ModuleTree.of(net).parameters();
        before.forEach(
                (path, v) -> {
                    if (!path.equals("layers.1.fc2.lora.lora_B")) {
                        assertArrayEquals(v, after.get(path).getArray().toFloatArray(), path);
                    }
                });
    }
}
