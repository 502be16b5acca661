package org.delta4j.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.testing.Arrays2;
import org.delta4j.testing.TinyNet;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeltaAttachTest {
    private NDManager manager;
    private TinyNet net;
    private NDArray x;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        net = new TinyNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(2, 5, TinyNet.WIDTH));
        x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private NDArray forward() {
        return net.forward(new ParameterStore(manager, false), new NDList(x), false).head();
    }

    @Test
    void adapterIsAChildOfItsTargetAndKeepsBackbonePaths() {
        Map<String, Parameter> before = ModuleTree.of(net).parameters();
        Tuning t =
                TuningSpec.builder()
                        .add(AdapterSpec.builder().modules("fc2").bottleneck(4).build())
                        .build()
                        .attach(net);
        ModuleTree tree = ModuleTree.of(net);
        for (String path : before.keySet()) {
            assertTrue(tree.parameters().containsKey(path), path);
        }
        assertEquals(
                List.of(
                        "layers.0.fc2.adapter.modulelist.down_proj.weight",
                        "layers.0.fc2.adapter.modulelist.down_proj.bias",
                        "layers.0.fc2.adapter.modulelist.up_proj.weight",
                        "layers.0.fc2.adapter.modulelist.up_proj.bias",
                        "layers.1.fc2.adapter.modulelist.down_proj.weight",
                        "layers.1.fc2.adapter.modulelist.down_proj.bias",
                        "layers.1.fc2.adapter.modulelist.up_proj.weight",
                        "layers.1.fc2.adapter.modulelist.up_proj.bias"),
                List.copyOf(t.deltaParameters().keySet()));
        assertEquals("Linear", tree.module("layers.0.fc2").type());
        assertEquals(2 * (2 * 8 * 4 + 4 + 8), t.statistics().delta());
    }

    @Test
    void loraLeavesTheOutputUnchangedAtInitAndChangesItOnceBTrains() {
        float[] base = forward().toFloatArray();
        Tuning t =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1", "fc2").r(2).build())
                        .build()
                        .attach(net);
        assertArrayEquals(base, forward().toFloatArray());
        Parameter b = t.deltaParameters().get("layers.0.fc1.lora.lora_B");
        assertEquals(new Shape(16, 2), b.getArray().getShape());
        assertEquals(
                new Shape(2, 8),
                t.deltaParameters().get("layers.0.fc1.lora.lora_A").getArray().getShape());
        b.getArray().set(manager.ones(new Shape(16, 2)).toFloatArray());
        assertNotEquals(
                0.0, Fixtures.maxAbsDiff(forward(), manager.create(base, forward().getShape())));
    }

    @Test
    void loraOnANonLinearModuleIsRejectedBeforeAnyChange() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                TuningSpec.builder()
                                        .add(LoraSpec.builder().modules("norm").build())
                                        .build()
                                        .attach(net));
        assertEquals(Problem.UNSUPPORTED_MODULE, e.problem());
        assertTrue(e.getMessage().contains("layers.0.norm"), e.getMessage());
    }

    @Test
    void attachIsAllOrNothing() {
        float[] base = forward().toFloatArray();
        List<String> paths = ModuleTree.of(net).paths();
        Map<String, float[]> values = Arrays2.snapshot(ModuleTree.of(net).parameters());
        TuningSpec spec =
                TuningSpec.builder()
                        .add(AdapterSpec.builder().modules("fc2").build())
                        .add(BitFitSpec.builder().modules("layers.1").build())
                        .add(LoraSpec.builder().modules("fc1").build())
                        .freeze(FreezeSpec.builder().exclude("deltas", "no_such_module").build())
                        .build();
        SpecException e = assertThrows(SpecException.class, () -> spec.attach(net));
        assertTrue(e.getMessage().contains("no_such_module"), e.getMessage());
        assertEquals(paths, ModuleTree.of(net).paths());
        Map<String, Parameter> after = ModuleTree.of(net).parameters();
        assertEquals(values.keySet(), after.keySet());
        values.forEach((k, v) -> assertArrayEquals(v, after.get(k).getArray().toFloatArray(), k));
        after.values().forEach(p -> assertTrue(p.requiresGradient()));
        assertArrayEquals(base, forward().toFloatArray());
        assertTrue(DeltaRegistry.of(net).deltas().isEmpty());
    }

    @Test
    void patternMatchingNothingNamesTheClosestModules() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                TuningSpec.builder()
                                        .add(AdapterSpec.builder().modules("fc3").build())
                                        .build()
                                        .attach(net));
        assertTrue(e.getMessage().contains("\"fc3\""), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean \"fc1\""), e.getMessage());
    }

    @Test
    void bitFitAdoptsExistingBiasesAndAddsMissingOnesAtZero() {
        float[] base = forward().toFloatArray();
        Tuning t =
                TuningSpec.builder()
                        .add(BitFitSpec.builder().modules("layers.0", "head").exclude().build())
                        .freeze(FreezeSpec.builder().build())
                        .build()
                        .attach(net);
        assertEquals(
                List.of(
                        "layers.0.fc1.bias",
                        "layers.0.fc2.bias",
                        "layers.0.norm.bias",
                        "head.bias"),
                List.copyOf(t.deltaParameters().keySet()));
        assertArrayEquals(base, forward().toFloatArray());
        assertEquals(16 + 8 + 8 + 3, t.statistics().trainable());
        t.detach();
        assertFalse(ModuleTree.of(net).parameters().containsKey("head.bias"));
    }

    @Test
    void twoDeltasOnOneModuleGetDistinctNamesAndDetachRestoresTheModel() {
        float[] base = forward().toFloatArray();
        List<String> paths = ModuleTree.of(net).paths();
        Tuning t =
                TuningSpec.builder()
                        .add(AdapterSpec.builder().modules("layers.0.fc2").build())
                        .add(AdapterSpec.builder().modules("layers.0.fc2").build())
                        .add(LoraSpec.builder().modules("layers.0.fc2").build())
                        .build()
                        .attach(net);
        assertTrue(ModuleTree.of(net).contains("layers.0.fc2.adapter_1"));
        assertTrue(ModuleTree.of(net).contains("layers.0.fc2.lora"));
        t.detach();
        assertEquals(paths, ModuleTree.of(net).paths());
        assertArrayEquals(base, forward().toFloatArray());
    }

    @Test
    void freezeKeepsDeltasAndExcludedModulesTrainableAndRestrictsTheStateDict() {
        Tuning t =
                TuningSpec.builder()
                        .add(AdapterSpec.builder().modules("fc2").bottleneck(2).build())
                        .freeze(FreezeSpec.builder().exclude("deltas", "layers.1.norm").build())
                        .build()
                        .attach(net);
        Map<String, Parameter> params = ModuleTree.of(net).parameters();
        params.forEach(
                (path, p) ->
                        assertEquals(
                                path.contains(".adapter.") || path.startsWith("layers.1.norm."),
                                p.requiresGradient(),
                                path));
        assertEquals(t.statistics().trainable(), t.statistics().delta() + 16);
        assertTrue(DeltaRegistry.of(net).stateDictKeys().contains("layers.1.norm.weight"));
        assertFalse(DeltaRegistry.of(net).stateDictKeys().contains("layers.1.fc2.weight"));
    }
}
