package org.delta4j.processor.read;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.delta4j.annotations.Backbone;
import org.delta4j.processor.model.Kind;

/**
 * The spec annotations on one type.
 *
 * @param backbone the {@code @Backbone}, if present
 * @param parts the delta and freeze annotations, in the order they are written
 */
public record SpecAnnotations(Optional<SpecAnnotation> backbone, Map<Kind, SpecAnnotation> parts) {
    /** The qualified name of {@code @Backbone}. */
    public static final String BACKBONE = Backbone.class.getCanonicalName();

    /**
     * @param backbone the {@code @Backbone}, if present
     * @param parts the delta and freeze annotations, in the order they are written
     */
    public SpecAnnotations {
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /**
     * Reads the spec annotations on a type, in source order, ignoring all others.
     *
     * @param elements the compiler's element utilities
     * @param type the annotated type
     * @return its spec annotations
     */
    public static SpecAnnotations read(Elements elements, TypeElement type) {
        SpecAnnotation backbone = null;
        Map<Kind, SpecAnnotation> parts = new LinkedHashMap<>();
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
            Kind kind = Kind.forAnnotation(name);
            if (kind != null) {
                parts.put(kind, withDefaults(elements, mirror));
            } else if (BACKBONE.equals(name)) {
                backbone = withDefaults(elements, mirror);
            }
        }
        return new SpecAnnotations(Optional.ofNullable(backbone), parts);
    }

    private static SpecAnnotation withDefaults(Elements elements, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = new LinkedHashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(mirror).entrySet()) {
            values.put(e.getKey().getSimpleName().toString(), e.getValue());
        }
        return new SpecAnnotation(mirror, values);
    }
}
