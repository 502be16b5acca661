package org.delta4j.processor.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param parts the delta and freeze annotations, in the order they are written; repeated ones
 *     (which javac wraps in their container where the first of them is written) in their own order
 *     there
 */
public record SpecAnnotations(Optional<SpecAnnotation> backbone, List<PartAnnotation> parts) {
    /** The qualified name of {@code @Backbone}. */
    public static final String BACKBONE = Backbone.class.getCanonicalName();

    /**
     * @param backbone the {@code @Backbone}, if present
     * @param parts the delta and freeze annotations, in the order they are written
     */
    public SpecAnnotations {
        parts = List.copyOf(parts);
    }

    /**
     * Reads the spec annotations on a type, in source order, unpacking repeated ones and ignoring
     * all others.
     *
     * @param elements the compiler's element utilities
     * @param type the annotated type
     * @return its spec annotations
     */
    public static SpecAnnotations read(Elements elements, TypeElement type) {
        SpecAnnotation backbone = null;
        List<PartAnnotation> parts = new ArrayList<>();
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            String name = nameOf(mirror);
            Kind kind = Kind.forAnnotation(name);
            Kind repeated = Kind.forContainer(name);
            if (kind != null) {
                parts.add(new PartAnnotation(kind, withDefaults(elements, mirror)));
            } else if (repeated != null) {
                for (AnnotationMirror element :
                        Values.annotations(withDefaults(elements, mirror).value("value"))) {
                    parts.add(new PartAnnotation(repeated, withDefaults(elements, element)));
                }
            } else if (BACKBONE.equals(name)) {
                backbone = withDefaults(elements, mirror);
            }
        }
        return new SpecAnnotations(Optional.ofNullable(backbone), parts);
    }

    /**
     * @param annotationName an annotation type's qualified name
     * @return whether it is {@code @Backbone}, a delta or freeze annotation, or the container of a
     *     repeated one
     */
    public static boolean isSpecAnnotation(String annotationName) {
        return BACKBONE.equals(annotationName)
                || Kind.forAnnotation(annotationName) != null
                || Kind.forContainer(annotationName) != null;
    }

    /**
     * @param mirror an annotation
     * @return its type's qualified name
     */
    public static String nameOf(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
    }

    private static SpecAnnotation withDefaults(Elements elements, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = new LinkedHashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                elements.getElementValuesWithDefaults(mirror).entrySet()) {
            values.put(e.getKey().getSimpleName().toString(), e.getValue());
        }
        return new SpecAnnotation(mirror, values);
    }
}
