package org.delta4j.delta.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.Arrays2;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.TinyNet;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Merging LoRA into the base weights and back: PEFT's merge_adapter, unmerge_adapter and
 * merge_and_unload.
 */
class LoraMergeTest {
    private static final float TOLERANCE = 1e-5f;

    private NDManager manager;
    private TinyNet net;
    private NDArray x;
    private Supplier<float[]> out;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(3);
        net = new TinyNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(1));
        x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
        out =
                () ->
                        net.forward(new ParameterStore(manager, false), new NDList(x), false)
                                .head()
                                .toFloatArray();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private Tuning lora() {
        Tuning t =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1", "fc2").r(2).alpha(6).build())
                        .build()
                        .attach(net);
        t.deltaParameters()
                .values()
                .forEach(p -> ParameterValues.assign(p, manager.randomNormal(p.getShape())));
        return t;
    }

    @Test
    void mergedWeightsAreWPlusBATimesScalingAndGiveTheSameOutputs() {
        Map<String, float[]> base = Arrays2.snapshot(ModuleTree.of(net).parameters());
        Tuning t = lora();
        float[] unmerged = out.get();
        LoraMerge.merge(t);
        assertTrue(LoraMerge.isMerged(t));
        assertClose(unmerged, out.get(), "merged outputs");

        Map<String, Parameter> params = t.deltaParameters();
        NDArray a = params.get("layers.0.fc1.lora.lora_A").getArray();
        NDArray b = params.get("layers.0.fc1.lora.lora_B").getArray();
        NDArray want =
                manager.create(base.get("layers.0.fc1.weight"), new Shape(16, 8))
                        .add(b.matMul(a).mul(3f)); // alpha 6 / r 2
        float[] merged =
                ModuleTree.of(net)
                        .parameters()
                        .get("layers.0.fc1.weight")
                        .getArray()
                        .toFloatArray();
        assertClose(want.toFloatArray(), merged, "layers.0.fc1.weight");

        LoraMerge.merge(t); // merging twice changes nothing
        assertArrayEquals(
                merged,
                ModuleTree.of(net)
                        .parameters()
                        .get("layers.0.fc1.weight")
                        .getArray()
                        .toFloatArray());

        LoraMerge.unmerge(t);
        assertFalse(LoraMerge.isMerged(t));
        assertClose(unmerged, out.get(), "unmerged outputs");
        Map<String, Parameter> after = ModuleTree.of(net).parameters();
        base.forEach((path, v) -> assertClose(v, after.get(path).getArray().toFloatArray(), path));
    }

    /** A merged layer adds nothing itself: changing its B no longer changes the output. */
    @Test
    void aMergedLayerIsBypassed() {
        Tuning t = lora();
        LoraMerge.merge(t);
        float[] merged = out.get();
        ParameterValues.assign(
                t.deltaParameters().get("layers.0.fc1.lora.lora_B"),
                manager.zeros(new Shape(16, 2)));
        assertArrayEquals(merged, out.get());
    }

    /**
     * Unmerging restores the weights within float rounding, not bit for bit: W + D - D is not
     * always W.
     */
    @Test
    void detachingAMergedTuningUnmergesIt() {
        float[] plain = out.get();
        List<String> paths = ModuleTree.of(net).paths();
        Map<String, float[]> base = Arrays2.snapshot(ModuleTree.of(net).parameters());
        Tuning t = lora();
        LoraMerge.merge(t);
        t.detach();
        assertEquals(paths, ModuleTree.of(net).paths());
        Map<String, Parameter> after = ModuleTree.of(net).parameters();
        base.forEach((path, v) -> assertClose(v, after.get(path).getArray().toFloatArray(), path));
        assertClose(plain, out.get(), "outputs after detach");
    }

    @Test
    void mergeAndUnloadLeavesAPlainModelWithTheTunedWeights() {
        float[] plain = out.get();
        List<String> paths = ModuleTree.of(net).paths();
        Tuning t = lora();
        float[] tuned = out.get();
        LoraMerge.mergeAndUnload(t);
        assertFalse(t.isAttached());
        assertEquals(paths, ModuleTree.of(net).paths());
        assertClose(tuned, out.get(), "outputs after merge and unload");
        assertFalse(Arrays.equals(plain, out.get()));
    }

    @Test
    void onlyLoraMergesAndNothingChangesOtherwise() {
        Tuning t =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").build())
                        .add(AdapterSpec.builder().modules("fc2").build())
                        .build()
                        .attach(net);
        BackboneState before = BackboneState.of(net, out);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LoraMerge.merge(t));
        assertTrue(e.getMessage().contains("Only LoRA deltas merge"), e.getMessage());
        before.assertSame(net, out, "after a refused merge");
        t.detach();
        assertThrows(IllegalStateException.class, () -> LoraMerge.merge(t));
    }

    /**
     * BART's lm_head shares its weight with the token embeddings: merging into it would change
     * both.
     */
    @Test
    void aTiedWeightIsNotMergedInto() throws Exception {
        Block bart = HfModels.load(Fixtures.model("bart_for_conditional_generation"), manager);
        Tuning t =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("lm_head", "q_proj").exclude().build())
                        .build()
                        .attach(bart);
        Map<String, float[]> before = Arrays2.snapshot(ModuleTree.of(bart).parameters());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LoraMerge.merge(t));
        assertTrue(e.getMessage().contains("lm_head is tied"), e.getMessage());
        Map<String, Parameter> after = ModuleTree.of(bart).parameters();
        before.forEach(
                (path, v) -> assertArrayEquals(v, after.get(path).getArray().toFloatArray(), path));
    }

    private static void assertClose(float[] want, float[] got, String what) {
        Arrays2.assertClose(want, got, TOLERANCE, what);
    }
}
