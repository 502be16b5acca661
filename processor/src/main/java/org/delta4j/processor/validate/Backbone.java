package org.delta4j.processor.validate;

import java.util.List;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.ModulePattern;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;

/**
 * A backbone whose structure could be read.
 *
 * @param name how the generated code names it, such as {@code bert-base-uncased}
 * @param structure its structure: the model class's, with the classifier resized to {@code
 *     numLabels} when set
 * @param modelClass the catalogue model class the spec names, {@code ""} when none
 * @param numLabels the number of labels the spec sets, {@code 0} when none
 * @param headClasses the structures of the catalogue backbone's classes with a head, when the spec
 *     tunes its base model; otherwise none
 */
record Backbone(
        String name,
        ModelStructure structure,
        String modelClass,
        int numLabels,
        List<ModelStructure> headClasses) {
    /**
     * @param name how the generated code names it
     * @param structure its structure
     */
    Backbone(String name, ModelStructure structure) {
        this(name, structure, "", 0, List.of());
    }

    /**
     * @param pattern a pattern that matches nothing in this backbone
     * @return a sentence naming the head class that has a module it matches, with the annotation
     *     that tunes that class, after a space; {@code ""} when no head class has one
     */
    String headHint(ModulePattern pattern) {
        for (ModelStructure head : headClasses) {
            try {
                if (head.paths().stream().anyMatch(pattern::matches)) {
                    return " "
                            + Problem.detail(
                                    Problem.IN_HEAD_CLASS,
                                    head.modelClass(),
                                    name,
                                    head.modelClass());
                }
            } catch (SpecException e) {
                return ""; // a pattern past its matching budget: the hint is not worth the wait
            }
        }
        return "";
    }

    /**
     * @return how messages name it: the name, with the model class when the spec names one, such as
     *     {@code bert-base-uncased as BertForSequenceClassification}
     */
    String label() {
        return modelClass.isEmpty() ? name : name + " as " + modelClass;
    }
}
