package org.delta4j.delta.named;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.lora.LoraMerge;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.nn.ForwardGate;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.TinyNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Switching named deltas in one thread while others run forward passes: every output must be the
 * output of one legal state (a set of active deltas), never a mix of two. Without the gate, about
 * one forward in fifteen mixed.
 */
class DeltaSetThreadsTest {
    private static final int FORWARD_THREADS = 3;
    private static final int FORWARDS_PER_THREAD = 800;
    private static final TuningSpec LORA =
            TuningSpec.builder().add(LoraSpec.builder().modules("fc1", "fc2").r(2).build()).build();
    private static final TuningSpec ADAPTER =
            TuningSpec.builder()
                    .add(AdapterSpec.builder().modules("fc2").bottleneck(3).build())
                    .build();

    private NDManager manager;
    private NDArray x;
    private TinyNet net;
    private DeltaSet set;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
        net = TinyNet.seeded(manager, 11);
        set = DeltaSet.on(net);
        randomize(set.add("a", LORA));
        randomize(set.add("b", ADAPTER));
        pool = Executors.newFixedThreadPool(FORWARD_THREADS + 1);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        manager.close();
    }

    private void randomize(Tuning t) {
        t.deltaParameters()
                .values()
                .forEach(p -> ParameterValues.assign(p, manager.randomNormal(p.getShape())));
    }

    /** The output with each set of active deltas, run alone. */
    private Map<List<String>, float[]> legalOutputs(List<List<String>> states) {
        Map<List<String>, float[]> out = new LinkedHashMap<>();
        for (List<String> state : states) {
            set.activate(state.toArray(String[]::new));
            out.put(state, TinyNet.output(net, manager, x));
        }
        return out;
    }

    /**
     * Runs forward passes in several threads while {@code switcher} runs again and again; counts
     * foreign outputs.
     */
    private int foreignOutputs(Map<List<String>, float[]> legal, float tolerance, Runnable switcher)
            throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Future<?> switching =
                pool.submit(
                        () -> {
                            while (!done.get()) {
                                switcher.run();
                            }
                        });
        List<Future<Integer>> forwards = new ArrayList<>();
        for (int t = 0; t < FORWARD_THREADS; t++) {
            forwards.add(
                    pool.submit(
                            () -> {
                                int foreign = 0;
                                for (int i = 0; i < FORWARDS_PER_THREAD; i++) {
                                    float[] y = TinyNet.output(net, manager, x);
                                    if (legal.values().stream()
                                            .noneMatch(want -> close(want, y, tolerance))) {
                                        foreign++;
                                    }
                                }
                                return foreign;
                            }));
        }
        int foreign = 0;
        try {
            for (Future<Integer> f : forwards) {
                foreign += f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
        }
        switching.get(30, TimeUnit.SECONDS);
        return foreign;
    }

    private static boolean close(float[] want, float[] got, float tolerance) {
        for (int i = 0; i < want.length; i++) {
            if (Math.abs(want[i] - got[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyForwardPassSeesOneSetOfActiveDeltas() throws Exception {
        List<List<String>> states =
                List.of(List.of(), List.of("a"), List.of("b"), List.of("a", "b"));
        Map<List<String>, float[]> legal = legalOutputs(states);
        int[] next = {0};
        int foreign =
                foreignOutputs(
                        legal,
                        1e-6f,
                        () -> {
                            List<String> state = states.get(next[0]++ % states.size());
                            if (state.isEmpty()) {
                                set.disableAll();
                            } else {
                                set.activate(state.toArray(String[]::new));
                            }
                        });
        assertEquals(0, foreign, "forward passes that saw a mix of two states");
    }

    /** Switching a merged delta rewrites weights: no forward pass may see them half-written. */
    @Test
    void switchingAMergedDeltaIsAtomicForForwardPasses() throws Exception {
        Map<List<String>, float[]> legal = legalOutputs(List.of(List.of("a"), List.of("b")));
        boolean[] merged = {false};
        int foreign =
                foreignOutputs(
                        legal,
                        1e-5f,
                        () -> {
                            if (merged[0]) {
                                set.activate("b"); // unmerges a first
                            } else {
                                set.activate("a");
                                LoraMerge.merge(set.get("a"));
                            }
                            merged[0] = !merged[0];
                        });
        assertEquals(0, foreign, "forward passes that saw weights half-merged");
    }

    @Test
    void aForwardPassCannotSwitchTheModelItRunsOn() {
        ForwardGate gate = ForwardGate.of(net);
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                gate.forward(
                                        () -> {
                                            set.activate("a");
                                            return null;
                                        }));
        assertTrue(e.getMessage().contains("cannot change the model it runs on"), e.getMessage());
        assertFalse(set.active().isEmpty());
    }
}
