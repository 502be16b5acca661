package org.delta4j.delta.named;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.lora.LoraMerge;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.TinyNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several named deltas on one backbone: each alone, several, none, and deleted, against
 * single-delta references.
 */
class DeltaSetTest {
    private static final TuningSpec ADAPTER =
            TuningSpec.builder()
                    .add(AdapterSpec.builder().modules("fc2").bottleneck(3).build())
                    .build();
    private static final TuningSpec LORA =
            TuningSpec.builder().add(LoraSpec.builder().modules("fc1", "fc2").r(2).build()).build();

    @TempDir Path tmp;

    private NDManager manager;
    private NDArray x;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private Supplier<float[]> output(TinyNet net) {
        return () -> TinyNet.output(net, manager, x);
    }

    private void randomize(Tuning t) {
        t.deltaParameters()
                .values()
                .forEach(p -> ParameterValues.assign(p, manager.randomNormal(p.getShape())));
    }

    /**
     * The output of a fresh backbone with only these specs attached, holding the given deltas'
     * values.
     */
    private float[] reference(List<TuningSpec> specs, List<Tuning> values) {
        TinyNet net = TinyNet.seeded(manager, 11);
        for (int i = 0; i < specs.size(); i++) {
            Tuning t = specs.get(i).attach(net);
            Map<String, Parameter> from = DeltaValues.canonicalParameters(values.get(i));
            DeltaValues.canonicalParameters(t)
                    .forEach((path, p) -> ParameterValues.assign(p, from.get(path).getArray()));
        }
        return output(net).get();
    }

    @Test
    void activateOneOrSeveralDisableAllAndDelete() {
        TinyNet net = TinyNet.seeded(manager, 11);
        Supplier<float[]> out = output(net);
        BackboneState pristine = BackboneState.of(net, out);
        float[] plain = out.get();
        DeltaSet set = DeltaSet.on(net);
        Tuning a = set.add("adapter", ADAPTER);
        Tuning b = set.add("lora", LORA);
        randomize(a);
        randomize(b);
        assertEquals(Set.of("adapter", "lora"), set.active());
        float[] both = reference(List.of(ADAPTER, LORA), List.of(a, b));
        assertArrayEquals(both, out.get());

        set.activate("adapter");
        assertEquals(Set.of("adapter"), set.active());
        assertArrayEquals(reference(List.of(ADAPTER), List.of(a)), out.get());
        b.deltaParameters()
                .values()
                .forEach(p -> assertFalse(p.requiresGradient(), "inactive deltas are frozen"));
        a.deltaParameters().values().forEach(p -> assertTrue(p.requiresGradient()));

        set.activate("lora");
        assertArrayEquals(reference(List.of(LORA), List.of(b)), out.get());
        b.deltaParameters()
                .values()
                .forEach(p -> assertTrue(p.requiresGradient(), "flags come back"));

        set.disableAll();
        assertEquals(Set.of(), set.active());
        assertArrayEquals(plain, out.get());

        set.activate("lora", "adapter");
        assertArrayEquals(both, out.get());

        set.delete("adapter");
        assertEquals(Set.of("lora"), set.names());
        assertArrayEquals(reference(List.of(LORA), List.of(b)), out.get());
        set.delete("lora");
        pristine.assertSame(net, out, "after deleting every delta");
    }

    @Test
    void unknownNamesAndRefusedDeltasChangeNothing() {
        TinyNet net = TinyNet.seeded(manager, 11);
        Supplier<float[]> out = output(net);
        DeltaSet set = DeltaSet.on(net);
        set.add("adapter", ADAPTER);
        BackboneState before = BackboneState.of(net, out);
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> set.activate("adapter", "nope"));
        assertTrue(unknown.getMessage().contains("No delta named \"nope\""), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> set.add("adapter", LORA));
        IllegalArgumentException bitfit =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                set.add(
                                        "bitfit",
                                        TuningSpec.builder()
                                                .add(BitFitSpec.builder().modules("fc1").build())
                                                .build()));
        assertTrue(
                bitfit.getMessage().contains("trains backbone parameters in place"),
                bitfit.getMessage());
        before.assertSame(net, out, "after refused calls");
        assertEquals(Set.of("adapter"), set.names());
    }

    /**
     * Two deltas of one method on the same modules each run alone; a loaded checkpoint joins under
     * a name.
     */
    @Test
    void twoLorasOnTheSameModulesAndALoadedCheckpoint() throws Exception {
        TinyNet trained = TinyNet.seeded(manager, 11);
        Tuning saved = LORA.attach(trained);
        randomize(saved);
        DeltaCheckpoint.save(saved, tmp.resolve("ckpt"));

        TinyNet net = TinyNet.seeded(manager, 11);
        Supplier<float[]> out = output(net);
        DeltaSet set = DeltaSet.on(net);
        Tuning first = set.add("first", LORA);
        randomize(first);
        Tuning loaded = set.add("loaded", DeltaCheckpoint.load(tmp.resolve("ckpt"), net));
        assertTrue(loaded.deltaParameters().containsKey("layers.0.fc1.lora_1.lora_A"));
        set.activate("loaded");
        assertArrayEquals(output(trained).get(), out.get());
        set.activate("first");
        assertArrayEquals(reference(List.of(LORA), List.of(first)), out.get());
    }

    /** Switching a merged LoRA delta off unmerges it; an inactive one cannot be merged. */
    @Test
    void mergedDeltasUnmergeWhenSwitchedOff() {
        TinyNet net = TinyNet.seeded(manager, 11);
        Supplier<float[]> out = output(net);
        float[] plain = out.get();
        DeltaSet set = DeltaSet.on(net);
        Tuning lora = set.add("lora", LORA);
        randomize(lora);
        float[] tuned = out.get();
        LoraMerge.merge(lora);
        set.disableAll();
        assertFalse(LoraMerge.isMerged(lora));
        assertClose(plain, out.get());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LoraMerge.merge(lora));
        assertTrue(e.getMessage().contains("switched off"), e.getMessage());
        set.activate("lora");
        assertClose(tuned, out.get()); // the weights came back within float rounding
    }

    private static void assertClose(float[] want, float[] got) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5f, "at " + i);
        }
    }
}
