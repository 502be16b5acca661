package org.delta4j.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.EveryMethod;
import org.delta4j.testing.TinyNet;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Detach and re-attach (OpenDelta's {@code detach()} and {@code attach()}): after detach the
 * backbone's outputs and parameters are bit-identical to those before attach; after re-attach the
 * deltas are back with their values, trainable flags and outputs, bit for bit.
 */
class DetachReattachTest {
    @TempDir Path tmp;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    static Stream<DeltaSpec> specs() {
        return EveryMethod.onBart();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyMethodDetachesBitExactlyAndReattachesWithItsValues(DeltaSpec spec) throws Exception {
        Path model = Fixtures.model("bart_for_conditional_generation");
        NDList inputs = ModelInputs.fromJson(manager, model.resolve("inputs.json"));
        Block base = HfModels.load(model, manager);
        Supplier<float[]> logits =
                () ->
                        base.forward(new ParameterStore(manager, false), inputs, false)
                                .get("logits")
                                .toFloatArray();
        BackboneState pristine = BackboneState.of(base, logits);
        float[] plain = logits.get();

        Tuning tuning = TuningSpec.builder().add(spec).build().attach(base);
        randomize(tuning);
        Parameter first = tuning.deltaParameters().values().iterator().next();
        first.freeze(true); // a flag of its own, which re-attach must keep
        assertFalse(Arrays.equals(logits.get(), plain), spec.method() + " changes the output");
        BackboneState attached = BackboneState.of(base, logits);

        tuning.detach();
        assertFalse(tuning.isAttached());
        pristine.assertSame(base, logits, spec.method() + " after detach");
        tuning.detach(); // a second detach does nothing
        pristine.assertSame(base, logits, spec.method() + " after a second detach");

        tuning.reattach();
        assertTrue(tuning.isAttached());
        attached.assertSame(base, logits, spec.method() + " after reattach");

        tuning.detach();
        pristine.assertSame(base, logits, spec.method() + " after the second detach");
    }

    @Test
    void reattachNeedsDetachedDeltas() {
        TinyNet net = TinyNet.seeded(manager, 5);
        Tuning t =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").build())
                        .build()
                        .attach(net);
        assertThrows(IllegalStateException.class, t::reattach);
    }

    /** Names taken by another delta meanwhile do not matter: values go back by canonical path. */
    @Test
    void reattachesBesideOtherDeltasUnderTheNextFreeName() {
        TinyNet net = TinyNet.seeded(manager, 5);
        NDArray x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
        Supplier<float[]> out =
                () ->
                        net.forward(new ParameterStore(manager, false), new NDList(x), false)
                                .head()
                                .toFloatArray();
        Tuning first =
                TuningSpec.builder()
                        .add(AdapterSpec.builder().modules("fc2").build())
                        .build()
                        .attach(net);
        Tuning second =
                TuningSpec.builder()
                        .add(AdapterSpec.builder().modules("fc2").build())
                        .build()
                        .attach(net);
        randomize(first);
        randomize(second);
        assertTrue(
                second.deltaParameters()
                        .containsKey("layers.0.fc2.adapter_1.modulelist.up_proj.weight"));
        Map<String, float[]> values = values(second);
        BackboneState both = BackboneState.of(net, out);
        second.detach();
        first.detach();
        second.reattach();
        assertTrue(
                second.deltaParameters()
                        .containsKey("layers.0.fc2.adapter.modulelist.up_proj.weight"));
        assertEquals(values.keySet(), values(second).keySet());
        values.forEach((k, v) -> assertArrayEquals(v, values(second).get(k), k));
        first.reattach();
        assertTrue(
                first.deltaParameters()
                        .containsKey("layers.0.fc2.adapter_1.modulelist.up_proj.weight"));
        second.detach();
        first.detach();
        first.reattach();
        second.reattach();
        both.assertSame(net, out, "attached again in the original order");
    }

    /**
     * Backbone parameters a checkpoint brought along (a trainable layer norm) go back to their
     * values on detach.
     */
    @Test
    void detachingALoadedCheckpointRestoresTheBackboneParametersItBrought() throws Exception {
        TinyNet trained = TinyNet.seeded(manager, 5);
        Tuning t =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").r(2).build())
                        .freeze(FreezeSpec.builder().exclude("deltas", "layers.1.norm").build())
                        .build()
                        .attach(trained);
        randomize(t);
        ParameterValues.assign(
                ModuleTree.of(trained).parameters().get("layers.1.norm.weight"),
                manager.randomNormal(new Shape(TinyNet.WIDTH)));
        DeltaCheckpoint.save(t, tmp.resolve("ckpt"));

        TinyNet net = TinyNet.seeded(manager, 5);
        NDArray x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
        Supplier<float[]> out =
                () ->
                        net.forward(new ParameterStore(manager, false), new NDList(x), false)
                                .head()
                                .toFloatArray();
        BackboneState pristine = BackboneState.of(net, out);
        Tuning loaded = DeltaCheckpoint.load(tmp.resolve("ckpt"), net);
        BackboneState withDeltas = BackboneState.of(net, out);
        loaded.detach();
        pristine.assertSame(net, out, "after detaching the loaded checkpoint");
        loaded.reattach();
        withDeltas.assertSame(net, out, "after reattaching the loaded checkpoint");
    }

    /**
     * Moves every floating delta parameter away from its initial value, so a lost value would show.
     */
    private void randomize(Tuning tuning) {
        tuning.deltaParameters()
                .values()
                .forEach(
                        p -> {
                            if (p.getArray().getDataType().isFloating()) {
                                ParameterValues.assign(
                                        p,
                                        manager.randomNormal(
                                                0, 0.1f, p.getShape(), p.getArray().getDataType()));
                            }
                        });
    }

    private static Map<String, float[]> values(Tuning t) {
        Map<String, float[]> out = new LinkedHashMap<>();
        DeltaValues.canonicalParameters(t)
                .forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }
}
