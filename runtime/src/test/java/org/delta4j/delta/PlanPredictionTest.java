package org.delta4j.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.bart.TinyBart;
import org.delta4j.models.hf.HfModels;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.EveryMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plan says, before anything changes, every parameter each delta will add and its shape: exactly
 * the canonical parameters an attach then gives, and asking leaves the backbone as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanPredictionTest {
    private NDManager manager;
    private Block backbone;
    private NDArray ids;

    @BeforeAll
    void setUp() {
        manager = NDManager.newBaseManager();
        backbone = HfModels.random(TinyBart.config("BartModel"), manager, 3);
        ids = manager.create(new long[] {0, 5, 9, 2}, new Shape(1, 4));
    }

    @AfterAll
    void tearDown() {
        manager.close();
    }

    private float[] output() {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray input = ids.duplicate();
            input.attach(scratch);
            return backbone.forward(new ParameterStore(scratch, false), new NDList(input), false)
                    .head()
                    .toFloatArray();
        }
    }

    static Stream<DeltaSpec> specs() {
        return EveryMethod.onBart();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void thePlanPredictsTheAttachedParametersWithoutChangingTheBackbone(DeltaSpec spec) {
        // A second delta of the same method first, so names with a suffix (adapter_1) are predicted
        // too.
        Tuning earlier = TuningSpec.builder().add(spec).build().attach(backbone);
        BackboneState before = BackboneState.of(backbone, this::output);
        TuningPlan plan = TuningSpec.builder().add(spec).build().plan(backbone);

        Map<String, Shape> predicted = plan.parameters();
        before.assertSame(backbone, this::output, "after predicting " + spec.method());

        Tuning tuning = plan.apply();
        // Canonical names are the tuning's own: the second adapter's layers (adapter_1) read as
        // adapter.
        Map<String, Shape> attached = new LinkedHashMap<>();
        DeltaValues.canonicalParameters(tuning)
                .forEach((path, p) -> attached.put(path, p.getShape()));
        assertEquals(attached, predicted, spec.method());
        assertEquals(predicted, plan.deltas().get(0).parameters());
        assertTrue(!predicted.isEmpty(), spec.method());
        assertTrue(
                tuning.deltas().get(0).layers().stream().allMatch(l -> l.endsWith("_1")),
                "the second delta's layers got suffixes: " + tuning.deltas().get(0).layers());
        tuning.detach();
        earlier.detach();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void valuesThatDoNotFitThePlanAreRefusedBeforeAnythingIsAttached(DeltaSpec spec) {
        BackboneState before = BackboneState.of(backbone, this::output);
        TuningPlan plan = TuningSpec.builder().add(spec).build().plan(backbone);
        Map<String, Shape> wrong = new LinkedHashMap<>(plan.parameters());
        String first = wrong.keySet().iterator().next();
        wrong.put(first, new Shape(wrong.get(first).size() + 1));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DeltaValues.check(plan, wrong, name -> name));
        assertTrue(e.getMessage().contains("tensor " + first + " has shape"), e.getMessage());
        before.assertSame(backbone, this::output, spec.method());
    }

    @org.junit.jupiter.api.Test
    void aMissingOrUnexpectedTensorIsNamed() {
        TuningPlan plan =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("q_proj").r(2).build())
                        .build()
                        .plan(backbone);
        Map<String, Shape> given = new LinkedHashMap<>(plan.parameters());
        String dropped = given.keySet().iterator().next();
        given.remove(dropped);
        given.put("encoder.nothing.weight", new Shape(3));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DeltaValues.check(plan, given, name -> "file:" + name));
        assertTrue(
                e.getMessage().contains("missing tensors [file:" + dropped + "]"), e.getMessage());
        assertTrue(
                e.getMessage().contains("unexpected tensors [file:encoder.nothing.weight]"),
                e.getMessage());
    }
}
