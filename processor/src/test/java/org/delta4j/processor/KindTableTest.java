package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;

import java.lang.annotation.Repeatable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.model.Kind;
import org.delta4j.spec.ValueType;
import org.junit.jupiter.api.Test;

/**
 * The processor's table of annotations must match the annotations and the runtime builders: every
 * attribute read and generated, with its type, a same-named setter on the runtime builder, and the
 * container of each repeatable annotation.
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
            List<String> expected =
                    new ArrayList<>(kind.attributes().stream().map(Attribute::name).toList());
            if (kind.isRepeatable()) {
                expected.add("name");
                assertThat(annotation.getMethod("name").getReturnType()).isEqualTo(String.class);
            }
            assertThat(expected)
                    .containsExactlyElementsIn(
                            Arrays.stream(annotation.getDeclaredMethods())
                                    .map(Method::getName)
                                    .toList());
            for (Attribute a : kind.attributes()) {
                assertThat(annotation.getMethod(a.name()).getReturnType())
                        .isEqualTo(javaType(a.type()));
            }
        }
    }

    @Test
    void repeatableAnnotationsNameTheirContainer() throws Exception {
        for (Kind kind : Kind.values()) {
            Repeatable repeatable =
                    Class.forName(kind.annotationName()).getAnnotation(Repeatable.class);
            assertThat(repeatable == null).isEqualTo(!kind.isRepeatable());
            if (repeatable != null) {
                assertThat(repeatable.value().getCanonicalName()).isEqualTo(kind.containerName());
                assertThat(Kind.forContainer(kind.containerName())).isEqualTo(kind);
            }
        }
    }

    @Test
    void everyAttributeHasASetterOnTheRuntimeBuilder() throws Exception {
        for (Kind kind : Kind.values()) {
            Class<?> builder =
                    Class.forName(kind.runtimePackage() + "." + kind.runtimeType() + "$Builder");
            for (Attribute a : kind.attributes()) {
                // Chained: returns the builder (erased to its generic superclass for the shared
                // setters).
                Class<?> returned = builder.getMethod(a.name(), javaType(a.type())).getReturnType();
                assertThat(returned.isAssignableFrom(builder)).isTrue();
            }
        }
    }

    @Test
    void everyDeltaKindIsTheRuntimeMethodItNames() throws Exception {
        for (Kind kind : Kind.values()) {
            if (!kind.isDelta()) {
                continue;
            }
            Class<?> type = Class.forName(kind.runtimePackage() + "." + kind.runtimeType());
            Object builder = type.getMethod("builder").invoke(null);
            DeltaSpec spec = (DeltaSpec) builder.getClass().getMethod("build").invoke(builder);
            assertThat(spec.method()).isEqualTo(kind.method().id());
            assertThat(spec.defaultModules()).isEqualTo(kind.method().defaultModules());
            assertThat(spec.implementation().layerName()).isEqualTo(kind.method().layerName());
        }
    }
}
