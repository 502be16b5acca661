package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * What a spec type must be: an interface or a class (abstract or not), top-level or static nested, without type
 * parameters, so the generated wiring can sit beside it in the same package and name it.
 */
final class SpecTypeRule {
    private SpecTypeRule() {}

    /**
     * @param type the annotated type
     * @return why it cannot be a spec type, each as a clause after "it", such as {@code "is an enum"}; empty when
     *     it can
     */
    static List<String> violations(TypeElement type) {
        List<String> reasons = new ArrayList<>();
        ElementKind kind = type.getKind();
        switch (kind) {
            case CLASS, INTERFACE -> { }
            case ENUM -> reasons.add("is an enum");
            case ANNOTATION_TYPE -> reasons.add("is an annotation type");
            case RECORD -> reasons.add("is a record");
            default -> reasons.add("is a " + kind);
        }
        NestingKind nesting = type.getNestingKind();
        if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
            reasons.add("is a local class");
        } else if (nesting == NestingKind.MEMBER && kind == ElementKind.CLASS
                && !type.getModifiers().contains(Modifier.STATIC)) {
            reasons.add("is an inner class; make it static");
        }
        if (!type.getTypeParameters().isEmpty()) {
            reasons.add("has type parameters");
        }
        return reasons;
    }
}
