package org.delta4j.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.EveryMethod;
import org.delta4j.testing.FixtureBart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plan puts every delta in place with its parameters shaped but unallocated, lets a loader check
 * them, and only then allocates: what a file's config asks for costs no memory until the file's
 * tensors are found to fit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllocationOrderTest {
    private FixtureBart bart;

    /**
     * One backbone for all tests: each test leaves it as it found it, and checks that a refused
     * attach does.
     */
    private Block backbone;

    @BeforeAll
    void setUp() throws IOException {
        bart = FixtureBart.load();
        backbone = bart.backbone();
    }

    @AfterAll
    void tearDown() {
        bart.close();
    }

    static Stream<DeltaSpec> specs() {
        return EveryMethod.onBart();
    }

    @ParameterizedTest
    @MethodSource("specs")
    void layersAreShapedButUnallocatedWhenTheCheckRuns(DeltaSpec spec) {
        TuningPlan plan = TuningSpec.builder().add(spec).build().plan(backbone);
        BackboneState before = BackboneState.of(backbone, bart::logits);
        Map<String, Parameter> checked = new LinkedHashMap<>();
        assertThrows(
                IllegalStateException.class,
                () ->
                        plan.apply(
                                shaped -> {
                                    layerParameters(shaped)
                                            .forEach(
                                                    (path, p) -> {
                                                        assertNotNull(p.getShape(), path);
                                                        assertFalse(
                                                                p.isInitialized(),
                                                                path
                                                                        + " was allocated before the check");
                                                        checked.put(path, p);
                                                    });
                                    throw new IllegalStateException("the file does not fit");
                                }));
        // BitFit on BART's attention only adopts the biases there.
        assertEquals(spec.method().equals("bitfit"), checked.isEmpty(), spec.method());
        checked.values()
                .forEach(p -> assertFalse(p.isInitialized(), "a refused layer keeps no array"));
        before.assertSame(backbone, bart::logits, spec.method());

        Tuning applied = plan.apply(shaped -> {});
        layerParameters(applied).forEach((path, p) -> assertTrue(p.isInitialized(), path));
        applied.detach();
    }

    /**
     * The parameters inside the layers the deltas added (not the backbone biases BitFit adopts).
     */
    private static Map<String, Parameter> layerParameters(Tuning tuning) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (AttachedDelta d : tuning.deltas()) {
            d.parameters()
                    .forEach(
                            (path, p) -> {
                                if (d.layers().stream()
                                        .anyMatch(layer -> path.startsWith(layer + "."))) {
                                    out.put(path, p);
                                }
                            });
        }
        return out;
    }
}
