package org.delta4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.model.Kind;
import org.junit.jupiter.api.Test;

/**
 * Java makes an annotation's defaults literals in the annotation; each must be its argument's
 * default in the method table, which the runtime builders and checkpoint configs take theirs from,
 * or a spec would mean one thing annotated and another built by hand.
 */
class AnnotationDefaultsTest {
    @SuppressWarnings("unchecked")
    private static Object defaultOf(String annotation, String attribute) throws Exception {
        Class<? extends Annotation> type = (Class<? extends Annotation>) Class.forName(annotation);
        Object value = type.getMethod(attribute).getDefaultValue();
        return value instanceof String[] strings ? Arrays.asList(strings) : value;
    }

    @Test
    void everyAttributesDefaultIsItsArgumentsDefaultInTheTable() throws Exception {
        for (Kind kind : Kind.values()) {
            for (Attribute a : kind.attributes()) {
                assertWithMessage("%s %s", kind, a.name())
                        .that(defaultOf(kind.annotationName(), a.name()))
                        .isEqualTo(a.argument().defaultValue());
            }
            if (kind.isRepeatable()) {
                assertWithMessage("%s name", kind)
                        .that(defaultOf(kind.annotationName(), "name"))
                        .isEqualTo("");
            }
        }
    }
}
