package org.delta4j.delta.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.spec.Argument;
import org.delta4j.spec.Method;
import org.delta4j.spec.MethodDeclaration;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.junit.jupiter.api.Test;

/** A checkpoint config's method name and arguments rebuild the spec that wrote them. */
class DeltaSpecsTest {
    @Test
    void everyMethodRoundTripsThroughItsConfig() {
        for (Method m : Method.values()) {
            AbstractDeltaSpecBuilder<?> builder =
                    MethodRegistry.builder(m).modules("fc1", "fc2").exclude("x");
            for (Argument<?> a : m.declaration().arguments()) {
                builder.set(a, NonDefaultValues.of(a));
            }
            DeltaSpec written = builder.build();
            DeltaSpec read =
                    DeltaSpecs.of(
                            written.method(),
                            written.modules(),
                            written.exclude(),
                            written.arguments());
            assertEquals(written.getClass(), read.getClass());
            assertEquals(written.arguments(), read.arguments(), m.id());
            assertEquals(List.of("fc1", "fc2"), read.modules());
            assertEquals(List.of("x"), read.exclude());
        }
    }

    @Test
    void missingArgumentsTakeTheTablesDefaults() {
        MethodDeclaration compacter = Method.COMPACTER.declaration();
        DeltaSpec read =
                DeltaSpecs.of("compacter", List.of("fc2"), List.of(), Map.of("phm_rank", 2));
        Map<String, Object> expected = new LinkedHashMap<>(compacter.defaults());
        expected.put("phmRank", 2);
        assertEquals(compacter.configOf(expected), read.arguments());
        assertEquals(DeltaSpecs.METHODS, Method.ids());
    }

    @Test
    void argumentsOfTheWrongTypeAreNamed() {
        assertEquals(
                "argument \"lora_r\" must be a Number, not 8",
                refused("lora", Map.of("lora_r", "8")));
        assertEquals(
                "argument \"lora_r\" must be a whole number of at most 2147483647, not 8.5",
                refused("lora", Map.of("lora_r", 8.5)));
        assertEquals(
                "argument \"reparameterize\" must be a Boolean, not yes",
                refused("prefix", Map.of("reparameterize", "yes")));
        assertEquals(
                "argument \"non_linearity\" must be a String, not 1",
                refused("adapter", Map.of("non_linearity", 1)));
    }

    @Test
    void outOfRangeValuesAndUnknownMethodsAreSpecProblems() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> DeltaSpecs.of("lora", List.of(), List.of(), Map.of("lora_r", 0)));
        assertEquals(
                "[delta4j:out-of-range] r = 0 is out of range: expected an integer >= 1.",
                e.getMessage());
        SpecException unknown =
                assertThrows(
                        SpecException.class,
                        () -> DeltaSpecs.of("ia3", List.of(), List.of(), Map.of()));
        assertEquals(Problem.UNKNOWN_CHOICE, unknown.problem());
    }

    private static String refused(String method, Map<String, ?> arguments) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> DeltaSpecs.of(method, List.of(), List.of(), arguments))
                .getMessage();
    }
}
