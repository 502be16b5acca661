package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.read.SpecAnnotation;
import org.delta4j.processor.read.Values;
import org.delta4j.spec.Problem;
import org.delta4j.spec.ValueType;

/**
 * Reads attribute values and checks each with its rule, reporting every failure on the value
 * itself.
 */
final class AttributeValues {
    private AttributeValues() {}

    /**
     * @return the attribute's value when it can be read and satisfies its rule; otherwise reports
     *     why not
     */
    static Optional<Object> checked(Attribute attribute, SpecAnnotation annotation, Report report) {
        AnnotationValue value = annotation.value(attribute.name());
        if (attribute.type() != ValueType.STRINGS) {
            return ruled(attribute, annotation, attribute.type(), value, report);
        }
        Optional<List<AnnotationValue>> elementValues = Values.elements(value);
        if (elementValues.isEmpty()) {
            report.unresolved(Problem.detail(Problem.VALUE_OF, annotation.where(attribute.name())));
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        boolean ok = true;
        for (AnnotationValue element : elementValues.get()) {
            Optional<Object> s = ruled(attribute, annotation, ValueType.STRING, element, report);
            ok &= s.isPresent();
            s.ifPresent(v -> strings.add((String) v));
        }
        return ok ? Optional.of(List.copyOf(strings)) : Optional.empty();
    }

    /**
     * @param type the type to read, not {@link ValueType#STRINGS}
     * @param value the annotation value
     * @param where how to name where it is written, from {@link SpecAnnotation#where}
     * @param report where an unresolved value is noted
     * @return the value, empty when the compiler could not resolve it
     */
    static Optional<Object> scalar(
            ValueType type, AnnotationValue value, String where, Report report) {
        Optional<Object> v = Values.scalar(type, value);
        if (v.isEmpty()) {
            report.unresolved(Problem.detail(Problem.VALUE_OF, where));
        }
        return v;
    }

    /**
     * Reads one value and checks it with the attribute's rule; an array attribute's rule checks
     * each element.
     */
    private static Optional<Object> ruled(
            Attribute attribute,
            SpecAnnotation annotation,
            ValueType type,
            AnnotationValue value,
            Report report) {
        String where = annotation.where(attribute.name());
        return scalar(type, value, where, report)
                .flatMap(
                        v ->
                                report.attempt(
                                        annotation.mirror(),
                                        value,
                                        () -> {
                                            attribute.rule().check(attribute.name(), v);
                                            return v;
                                        }));
    }
}
