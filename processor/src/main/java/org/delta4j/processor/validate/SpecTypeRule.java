package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import org.delta4j.spec.Problem;

/**
 * What a spec type must be: a description, never instantiated or extended by the wiring, which sits
 * beside it in the same package and links to it. So an interface or a class that is not final,
 * top-level or static nested, not private, without type parameters.
 */
final class SpecTypeRule {
    private SpecTypeRule() {}

    /**
     * @param type the annotated type
     * @return why it cannot be a spec type, each as a clause after "it", such as {@code
     *     Problem.SPEC_ENUM}; empty when it can
     */
    static List<String> violations(TypeElement type) {
        List<String> reasons = new ArrayList<>();
        ElementKind kind = type.getKind();
        switch (kind) {
            case CLASS, INTERFACE -> {}
            case ENUM -> reasons.add(Problem.SPEC_ENUM);
            case ANNOTATION_TYPE -> reasons.add(Problem.SPEC_ANNOTATION_TYPE);
            case RECORD -> reasons.add(Problem.SPEC_RECORD);
            default -> reasons.add(Problem.detail(Problem.SPEC_OTHER_KIND, kind));
        }
        if (kind == ElementKind.CLASS && type.getModifiers().contains(Modifier.FINAL)) {
            reasons.add(Problem.SPEC_FINAL);
        }
        NestingKind nesting = type.getNestingKind();
        if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
            reasons.add(Problem.SPEC_LOCAL);
        } else if (nesting == NestingKind.MEMBER
                && kind == ElementKind.CLASS
                && !type.getModifiers().contains(Modifier.STATIC)) {
            reasons.add(Problem.SPEC_INNER);
        }
        if (type.getModifiers().contains(Modifier.PRIVATE)) {
            reasons.add(Problem.SPEC_PRIVATE);
        }
        if (!type.getTypeParameters().isEmpty()) {
            reasons.add(Problem.SPEC_GENERIC);
        }
        return reasons;
    }
}
