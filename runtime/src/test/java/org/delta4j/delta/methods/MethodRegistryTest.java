package org.delta4j.delta.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.spec.AdapterDeclaration;
import org.delta4j.spec.Argument;
import org.delta4j.spec.LoraDeclaration;
import org.delta4j.spec.Method;
import org.delta4j.spec.MethodDeclaration;
import org.delta4j.spec.SpecException;
import org.junit.jupiter.api.Test;

/**
 * Every method of the table has its runtime spec registered, and each spec's typed API reaches the
 * table.
 */
class MethodRegistryTest {
    @Test
    void everyMethodBuildsTheSpecTypeItsDeclarationNames() {
        for (Method m : Method.values()) {
            MethodDeclaration d = m.declaration();
            DeltaSpec spec = MethodRegistry.builder(m).build();
            assertEquals(d.runtimePackage() + "." + d.specType(), spec.getClass().getName());
            assertEquals(m.id(), spec.method());
            assertEquals(m.defaultModules(), spec.defaultModules());
            assertEquals(m.layerName(), spec.implementation().layerName());
            assertEquals(d.configOf(d.defaults()), spec.arguments(), m.id());
        }
    }

    @Test
    void eachTypedSetterAndGetterReachesItsArgumentOnly() throws Exception {
        for (Method m : Method.values()) {
            MethodDeclaration d = m.declaration();
            for (Argument<?> a : d.arguments()) {
                AbstractDeltaSpecBuilder<?> builder = MethodRegistry.builder(m);
                Object value = NonDefaultValues.of(a);
                builder.getClass()
                        .getMethod(a.name(), NonDefaultValues.setterType(a))
                        .invoke(builder, value);
                DeltaSpec spec = builder.build();
                String where = m.id() + " " + a.name();
                assertEquals(value, spec.getClass().getMethod(a.name()).invoke(spec), where);
                for (Argument<?> other : d.arguments()) {
                    Object expected = other == a ? value : other.defaultValue();
                    assertEquals(
                            expected,
                            spec.arguments().get(other.key()),
                            where + " -> " + other.key());
                }
            }
        }
    }

    @Test
    void anArgumentOfAnotherMethodIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LoraSpec.builder().set(AdapterDeclaration.BOTTLENECK, 4));
        assertEquals(
                "LoRA has no argument bottleneck; its arguments are [r, alpha, dropout].",
                e.getMessage());
    }

    @Test
    void theGenericSetterChecksTypeAndRule() {
        Argument<Integer> r = LoraDeclaration.R;
        assertThrows(IllegalArgumentException.class, () -> LoraSpec.builder().set(r, "8"));
        assertTrue(
                assertThrows(SpecException.class, () -> LoraSpec.builder().set(r, 0))
                        .getMessage()
                        .startsWith("[delta4j:out-of-range] r = 0"));
        assertEquals(4, LoraSpec.builder().set(r, 4).build().r());
    }
}
