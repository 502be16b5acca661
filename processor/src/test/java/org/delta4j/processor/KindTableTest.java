package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.model.Kind;
import org.delta4j.processor.model.ValueType;
import org.junit.jupiter.api.Test;

/**
 * The processor's table of annotations must match the annotations and the runtime builders: every attribute read
 * and generated, with its type, and a same-named setter on the runtime builder.
 */
class KindTableTest {
    private static Class<?> javaType(ValueType type) {
        return switch (type) {
            case INT -> int.class;
            case DOUBLE -> double.class;
            case BOOLEAN -> boolean.class;
            case STRING -> String.class;
            case STRINGS -> String[].class;
        };
    }

    @Test
    void everyAnnotationAttributeIsInTheTableWithItsType() throws Exception {
        for (Kind kind : Kind.values()) {
            Class<?> annotation = Class.forName(kind.annotationName());
            assertThat(kind.attributes().stream().map(Attribute::name).toList())
                    .containsExactlyElementsIn(Arrays.stream(annotation.getDeclaredMethods()).map(Method::getName)
                            .toList());
            for (Attribute a : kind.attributes()) {
                assertThat(annotation.getMethod(a.name()).getReturnType()).isEqualTo(javaType(a.type()));
            }
        }
    }

    @Test
    void everyAttributeHasASetterOnTheRuntimeBuilder() throws Exception {
        for (Kind kind : Kind.values()) {
            Class<?> builder = Class.forName(kind.runtimePackage() + "." + kind.runtimeType() + "$Builder");
            for (Attribute a : kind.attributes()) {
                // Chained: returns the builder (erased to its generic superclass for the shared setters).
                Class<?> returned = builder.getMethod(a.name(), javaType(a.type())).getReturnType();
                assertThat(returned.isAssignableFrom(builder)).isTrue();
            }
        }
    }
}
