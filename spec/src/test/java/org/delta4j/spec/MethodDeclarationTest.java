package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MethodDeclarationTest {
    @Test
    void everyMethodsConfigHoldsEachArgumentOnceAndKeysAreUnique() {
        for (Method m : Method.values()) {
            MethodDeclaration d = m.declaration();
            List<ConfigEntry> arguments =
                    d.config().stream().filter(e -> e instanceof Argument<?>).toList();
            assertEquals(Set.copyOf(d.arguments()), Set.copyOf(arguments), m.id());
            assertEquals(d.arguments().size(), arguments.size(), m.id());
            Set<String> keys = new HashSet<>();
            Set<String> names = new HashSet<>(Set.of("name", "modules", "exclude"));
            for (ConfigEntry e : d.config()) {
                assertTrue(keys.add(e.key()), m.id() + " repeats key " + e.key());
            }
            for (Argument<?> a : d.arguments()) {
                assertTrue(names.add(a.name()), m.id() + " repeats name " + a.name());
                assertEquals(
                        a.defaultValue(),
                        a.check(a.defaultValue()),
                        "default of " + a.name() + " is valid");
            }
        }
    }

    @Test
    void aConfigThatMissesAnArgumentIsRefused() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                MethodDeclaration.builder("x")
                                        .title("X")
                                        .annotation("X", false)
                                        .runtimePackage("p")
                                        .arguments(LoraDeclaration.R, LoraDeclaration.ALPHA)
                                        .config(
                                                LoraDeclaration.R,
                                                new FixedValue("k", true, "fixed"))
                                        .build());
        assertEquals(
                "the config of x must hold every argument once: [r, alpha], not [r]",
                e.getMessage());
    }

    @Test
    void configOfWritesOpenDeltasKeysInItsOrderWithTheFixedValues() {
        MethodDeclaration d = Method.LOW_RANK_ADAPTER.declaration();
        Map<String, Object> config = d.configOf(d.defaults());
        assertEquals(
                List.of("reduction_factor", "non_linearity", "low_rank_w_init", "low_rank_rank"),
                List.copyOf(config.keySet()));
        assertEquals(List.of(32, "gelu_new", "glorot-uniform", 1), List.copyOf(config.values()));
        assertEquals(
                List.of("lora_r", "lora_alpha", "lora_dropout"),
                List.copyOf(
                        Method.LORA
                                .declaration()
                                .configOf(Method.LORA.declaration().defaults())
                                .keySet()));
        assertEquals(Map.of(), Method.BITFIT.declaration().configOf(Map.of()));
    }

    @Test
    void moduleRulesReadTheirArgumentsFromTheValues() {
        ModelStructure tiny = Structures.tiny();
        ModelStructure.Module fc2 = tiny.module("encoder.layers.0.fc2");
        MethodDeclaration compacter = Method.COMPACTER.declaration();
        Map<String, Object> values = compacter.defaults();
        values.put(CompacterDeclaration.REDUCTION_FACTOR.name(), 2);
        assertEquals(fc2.path(), compacter.rule().check("Compacter", tiny, fc2, values));
        values.put(CompacterDeclaration.HYPERCOMPLEX_DIVISION.name(), 3);
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> compacter.rule().check("Compacter", tiny, fc2, values));
        assertEquals(Problem.INDIVISIBLE, e.problem());
        assertEquals("hypercomplexDivision", e.argument());
    }

    @Test
    void methodsAreFoundByTheirIdOrRefusedWithTheChoices() {
        for (Method m : Method.values()) {
            assertEquals(m, Method.ofId(m.id()));
        }
        SpecException e = assertThrows(SpecException.class, () -> Method.ofId("loraa"));
        assertEquals(Problem.UNKNOWN_CHOICE, e.problem());
        assertTrue(e.getMessage().contains("delta_type = \"loraa\""), e.getMessage());
        assertTrue(e.getMessage().contains(Method.ids().toString()), e.getMessage());
    }
}
