package org.delta4j.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.delta4j.delta.lora.LoraMerge;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.nn.ParameterValues;
import org.delta4j.spec.SpecException;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.TinyNet;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TuningSpec.Builder#modulesToSave}: the selected modules train beside the deltas, through a
 * freeze that keeps the deltas, detaching gives the backbone's values and flags back, re-attaching
 * the trained ones, merging keeps them, and an entry that selects nothing is refused by name.
 */
class TrainableCopiesTest {
    private NDManager manager;
    private NDArray x;
    private TinyNet net;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        x = manager.randomNormal(new Shape(2, 3, TinyNet.WIDTH));
        net = TinyNet.seeded(manager, 4);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private Tuning attach() {
        return TuningSpec.builder()
                .add(LoraSpec.builder().modules("fc1").r(2).build())
                .modulesToSave("head", "0.norm")
                .freeze(FreezeSpec.builder().build())
                .build()
                .attach(net);
    }

    private float[] output() {
        return TinyNet.output(net, manager, x);
    }

    @Test
    void theModulesTrainBesideTheDeltasAndDetachGivesTheBackboneBack() {
        Map<String, Parameter> params = ModuleTree.of(net).parameters();
        params.get("head.weight").freeze(true);
        Map<String, byte[]> values = new LinkedHashMap<>();
        params.forEach((path, p) -> values.put(path, p.getArray().toByteArray()));
        float[] base = output();

        Tuning tuning = attach();
        assertEquals(List.of("head", "0.norm"), tuning.modulesToSave());
        assertEquals(List.of("layers.0.norm", "head"), tuning.copiedModules());
        assertEquals(
                List.of("layers.0.norm.weight", "layers.0.norm.bias", "head.weight"),
                List.copyOf(tuning.copyParameters().keySet()));
        TreeSet<String> trainable = new TreeSet<>();
        ModuleTree.of(net)
                .parameters()
                .forEach(
                        (path, p) -> {
                            if (p.requiresGradient()) {
                                trainable.add(path);
                            }
                        });
        TreeSet<String> expected = new TreeSet<>(tuning.deltaParameters().keySet());
        expected.addAll(tuning.copyParameters().keySet());
        assertEquals(expected, trainable, "the deltas and the copies, through the freeze");

        Parameter head = params.get("head.weight");
        ParameterValues.assign(head, manager.ones(head.getShape()));
        float[] trained = output();
        tuning.detach();
        assertFalse(head.requiresGradient(), "head.weight was frozen before and is again");
        assertTrue(params.get("layers.0.norm.weight").requiresGradient(), "trainable before");
        params.forEach(
                (path, p) -> assertArrayEquals(values.get(path), p.getArray().toByteArray(), path));
        assertArrayEquals(base, output());

        tuning.reattach();
        assertArrayEquals(trained, output());
        assertTrue(head.requiresGradient(), "the copy trains again after reattach");
    }

    @Test
    void mergingAndUnloadingKeepsTheTrainedCopies() {
        Tuning tuning = attach();
        Parameter head = tuning.copyParameters().get("head.weight");
        ParameterValues.assign(head, manager.ones(head.getShape()));
        float[] trained = output();
        LoraMerge.mergeAndUnload(tuning);
        assertArrayEquals(trained, output(), 1e-5f);
        assertArrayEquals(
                manager.ones(head.getShape()).toFloatArray(), head.getArray().toFloatArray());
        IllegalStateException e = assertThrows(IllegalStateException.class, tuning::reattach);
        assertTrue(e.getMessage().contains("unloaded"), e.getMessage());
    }

    @Test
    void anEntryThatSelectsNothingIsRefusedWithTheClosestNamesAndChangesNothing() {
        BackboneState before = BackboneState.of(net, this::output);
        TuningSpec spec =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").build())
                        .modulesToSave("haed")
                        .build();
        SpecException e = assertThrows(SpecException.class, () -> spec.attach(net));
        assertTrue(e.getMessage().contains("\"haed\" matches no module"), e.getMessage());
        assertTrue(e.getMessage().contains("head"), "suggests the closest: " + e.getMessage());
        before.assertSame(net, this::output, e.getMessage());
        IllegalArgumentException blank =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TuningSpec.builder().modulesToSave(" "));
        assertTrue(blank.getMessage().contains("modulesToSave"), blank.getMessage());
    }

    @Test
    void theCopiesValuesAreRequiredWhenValuesLoad() {
        TuningPlan plan =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").r(2).build())
                        .modulesToSave("head")
                        .build()
                        .plan(net);
        assertEquals(Map.of("head.weight", new Shape(3, TinyNet.WIDTH)), plan.copies());
        Map<String, Shape> onlyDeltas = plan.parameters();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DeltaValues.check(plan, onlyDeltas, name -> name));
        assertTrue(e.getMessage().contains("missing tensors [head.weight]"), e.getMessage());
    }
}
