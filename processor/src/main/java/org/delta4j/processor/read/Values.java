package org.delta4j.processor.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.delta4j.spec.ValueType;

/**
 * Converts annotation values into the model's Java values. A value that is not of its attribute's
 * type is one the compiler could not resolve (javac hands such a value over as a string), so these
 * return empty instead of guessing; {@link UnresolvedValues} finds unresolved values of every type
 * before these are read.
 */
public final class Values {
    private Values() {}

    /**
     * @param type the attribute's type, not {@link ValueType#STRINGS}
     * @param value the annotation value
     * @return an {@link Integer}, {@link Double}, {@link Boolean} or {@link String}; empty when the
     *     value is not of that type, which means unresolved
     */
    public static Optional<Object> scalar(ValueType type, AnnotationValue value) {
        Object v = value.getValue();
        boolean ok =
                switch (type) {
                    case INT -> v instanceof Integer;
                    case DOUBLE -> v instanceof Double;
                    case BOOLEAN -> v instanceof Boolean;
                    case STRING -> v instanceof String;
                    case STRINGS ->
                            throw new IllegalArgumentException(
                                    "an array is not a scalar: use elements(...)");
                };
        return ok ? Optional.of(v) : Optional.empty();
    }

    /**
     * @param value the value of a {@code String[]} attribute
     * @return its elements, each to be read with {@link #scalar}; empty when not an array, which
     *     means unresolved
     */
    public static Optional<List<AnnotationValue>> elements(AnnotationValue value) {
        if (!(value.getValue() instanceof List<?> list)) {
            return Optional.empty();
        }
        List<AnnotationValue> elements = new ArrayList<>(list.size());
        for (Object o : list) {
            elements.add((AnnotationValue) o);
        }
        return Optional.of(elements);
    }

    /**
     * @param value the value of an annotation-array attribute, such as a container's {@code value}
     * @return the annotations it holds, in order; none when unresolved
     */
    public static List<AnnotationMirror> annotations(AnnotationValue value) {
        List<AnnotationMirror> mirrors = new ArrayList<>();
        for (AnnotationValue element : elements(value).orElse(List.of())) {
            if (element.getValue() instanceof AnnotationMirror mirror) {
                mirrors.add(mirror);
            }
        }
        return mirrors;
    }
}
