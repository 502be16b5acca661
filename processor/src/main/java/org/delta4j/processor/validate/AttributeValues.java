package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.read.SpecAnnotation;
import org.delta4j.processor.read.Values;
import org.delta4j.spec.ValueType;

/** Reads attribute values and checks each with its rule, reporting every failure on the value itself. */
final class AttributeValues {
    private AttributeValues() {}

    /** @return the attribute's value when it can be read and satisfies its rule; otherwise reports why not */
    static Optional<Object> checked(Attribute attribute, SpecAnnotation annotation, Report report) {
        AnnotationValue value = annotation.value(attribute.name());
        if (attribute.type() != ValueType.STRINGS) {
            return ruled(attribute, annotation.mirror(), attribute.type(), value, report);
        }
        Optional<List<AnnotationValue>> elementValues = Values.elements(value);
        if (elementValues.isEmpty()) {
            report.unresolved();
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        boolean ok = true;
        for (AnnotationValue element : elementValues.get()) {
            Optional<Object> s = ruled(attribute, annotation.mirror(), ValueType.STRING, element, report);
            ok &= s.isPresent();
            s.ifPresent(v -> strings.add((String) v));
        }
        return ok ? Optional.of(List.copyOf(strings)) : Optional.empty();
    }

    /**
     * @param type the type to read, not {@link ValueType#STRINGS}
     * @param value the annotation value
     * @param report where an unresolved value is noted
     * @return the value, empty when the compiler could not resolve it (and reports that itself)
     */
    static Optional<Object> scalar(ValueType type, AnnotationValue value, Report report) {
        Optional<Object> v = Values.scalar(type, value);
        if (v.isEmpty()) {
            report.unresolved();
        }
        return v;
    }

    /** Reads one value and checks it with the attribute's rule; an array attribute's rule checks each element. */
    private static Optional<Object> ruled(
            Attribute attribute, AnnotationMirror mirror, ValueType type, AnnotationValue value, Report report) {
        return scalar(type, value, report).flatMap(v -> report.attempt(mirror, value, () -> {
            attribute.rule().check(attribute.name(), v);
            return v;
        }));
    }
}
