package org.delta4j.processor.read;

import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * One spec annotation as written on a type: its mirror, where diagnostics point, and every
 * attribute's value with the defaults filled in. Values are read from the mirror, never by loading
 * the annotation.
 *
 * @param mirror the annotation as written
 * @param values every attribute's value by name, defaults included
 */
public record SpecAnnotation(AnnotationMirror mirror, Map<String, AnnotationValue> values) {
    /**
     * @param mirror the annotation as written
     * @param values every attribute's value by name
     */
    public SpecAnnotation {
        Objects.requireNonNull(mirror, "mirror");
        values = Map.copyOf(values);
    }

    /**
     * @param attribute an attribute's name
     * @return its value, the default where none is written
     * @throws IllegalStateException when the annotation has no such attribute, which means the
     *     processor and the annotations jar do not match
     */
    public AnnotationValue value(String attribute) {
        AnnotationValue v = values.get(attribute);
        if (v == null) {
            throw new IllegalStateException(
                    mirror.getAnnotationType()
                            + " has no attribute "
                            + attribute
                            + "; is the delta4j-annotations jar the processor's version?");
        }
        return v;
    }

    /**
     * @param attribute an attribute's name
     * @return whether the annotation writes it, rather than taking its default
     */
    public boolean isWritten(String attribute) {
        return mirror.getElementValues().keySet().stream()
                .anyMatch(e -> e.getSimpleName().contentEquals(attribute));
    }

    /**
     * @param attribute an attribute's name
     * @return how messages name where its value is written, such as {@code @Adapter(bottleneck)}
     */
    public String where(String attribute) {
        return "@" + mirror.getAnnotationType().asElement().getSimpleName() + "(" + attribute + ")";
    }
}
