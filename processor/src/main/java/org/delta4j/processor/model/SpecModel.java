package org.delta4j.processor.model;

import java.util.List;
import java.util.Objects;
import javax.lang.model.element.TypeElement;

/**
 * A checked tuning spec, ready to generate from: nothing in it can fail at run time on the backbone
 * it was checked against.
 *
 * @param type the annotated spec type
 * @param backbone the backbone's name, such as {@code facebook/bart-base}
 * @param modelClass the catalogue model class it was checked as, such as {@code
 *     BertForSequenceClassification}; {@code ""} when the spec names none
 * @param numLabels the number of labels it was checked with; {@code 0} when the spec sets none
 * @param parts the deltas and the freeze, in the order their annotations are written (repeated
 *     annotations together, where the first of them is written)
 */
public record SpecModel(
        TypeElement type, String backbone, String modelClass, int numLabels, List<SpecPart> parts) {
    /**
     * @param type the annotated spec type
     * @param backbone the backbone's name
     * @param modelClass the model class, or {@code ""}
     * @param numLabels the number of labels, or {@code 0}
     * @param parts the deltas and the freeze
     */
    public SpecModel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(backbone, "backbone");
        Objects.requireNonNull(modelClass, "modelClass");
        parts = List.copyOf(parts);
    }
}
