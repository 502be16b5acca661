package org.delta4j.processor.read;

import java.util.Objects;
import org.delta4j.processor.model.Kind;

/**
 * One delta or freeze annotation as written on a spec type, a repeated one unpacked from its
 * container.
 *
 * @param kind which annotation
 * @param annotation its values and where diagnostics point
 */
public record PartAnnotation(Kind kind, SpecAnnotation annotation) {
    /**
     * @param kind which annotation
     * @param annotation its values and where diagnostics point
     */
    public PartAnnotation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(annotation, "annotation");
    }
}
