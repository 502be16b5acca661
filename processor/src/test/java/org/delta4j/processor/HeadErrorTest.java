package org.delta4j.processor;

import static org.delta4j.processor.Compilations.spec;
import static org.delta4j.processor.ErrorAssertions.assertSingleError;

import org.delta4j.spec.Problem;
import org.junit.jupiter.api.Test;

/**
 * Errors of {@code @Backbone(modelClass, numLabels)} and of patterns on a head class, each on the
 * attribute at fault (written on its own line, so the line names the attribute).
 */
class HeadErrorTest {
    private static final String DELTA = "@Lora(modules = {\"query\", \"value\"})";

    @Test
    void unknownModelClassListsTheBackbonesClassesClosestFirst() {
        assertSingleError(
                spec(
                        "@Backbone(value = \"bert-base-uncased\",",
                        "        modelClass = \"BertForSequenceClasification\")",
                        DELTA,
                        "interface Spec {}"),
                Problem.UNKNOWN_MODEL_CLASS,
                "modelClass = \"BertForSequenceClasification\" is not a class delta4j builds for "
                        + "bert-base-uncased. Expected one of \"BertForSequenceClassification\" or "
                        + "\"BertModel\".",
                "modelClass = ");
    }

    @Test
    void aClassOfAnotherFamilyNamesItsBackbone() {
        assertSingleError(
                spec(
                        "@Backbone(value = \"bert-base-uncased\",",
                        "        modelClass = \"GPT2LMHeadModel\")",
                        DELTA,
                        "interface Spec {}"),
                Problem.OTHER_FAMILY,
                "modelClass = \"GPT2LMHeadModel\" is a class of gpt2, not of bert-base-uncased, whose "
                        + "classes are \"BertModel\" and \"BertForSequenceClassification\". Name one of "
                        + "those, or write @Backbone(value = \"gpt2\", modelClass = \"GPT2LMHeadModel\").",
                "modelClass = ");
    }

    @Test
    void numLabelsBelowOne() {
        assertSingleError(
                spec(
                        "@Backbone(value = \"bert-base-uncased\",",
                        "        modelClass = \"BertForSequenceClassification\",",
                        "        numLabels = 0)",
                        DELTA,
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE,
                "numLabels = 0 is out of range: expected at least 1; leave numLabels out to keep "
                        + "the config's number of labels.",
                "numLabels = ");
    }

    @Test
    void numLabelsOnAClassWithoutClassifier() {
        assertSingleError(
                spec(
                        "@Backbone(value = \"gpt2\",",
                        "        modelClass = \"GPT2LMHeadModel\",",
                        "        numLabels = 2)",
                        "@Lora(modules = \"c_attn\")",
                        "interface Spec {}"),
                Problem.NO_CLASSIFIER,
                "numLabels = 2 sizes a classification head, and GPT2LMHeadModel has none. No class "
                        + "of gpt2 has one: leave numLabels out.",
                "numLabels = ");
    }

    @Test
    void numLabelsOnTheBaseModelPointsAtTheClassifierClass() {
        assertSingleError(
                spec(
                        "@Backbone(value = \"bert-base-uncased\",",
                        "        numLabels = 3)",
                        DELTA,
                        "interface Spec {}"),
                Problem.NO_CLASSIFIER,
                "numLabels = 3 sizes a classification head, and bert-base-uncased's base model "
                        + "BertModel has none. Name a class with one, such as modelClass = "
                        + "\"BertForSequenceClassification\", or leave numLabels out.",
                "numLabels = ");
    }

    @Test
    void aFreezePatternThatMatchesNothingInTheHeadClass() {
        assertSingleError(
                spec(
                        "@Backbone(value = \"bert-base-uncased\", modelClass = \"BertForSequenceClassification\")",
                        DELTA,
                        "@Freeze(exclude = {\"deltas\",",
                        "        \"clasifier\"})",
                        "interface Spec {}"),
                Problem.UNKNOWN_MODULE,
                "Module pattern \"clasifier\" matches no module of bert-base-uncased as "
                        + "BertForSequenceClassification or its deltas. Did you mean \"classifier\"",
                "\"clasifier\"");
    }

    @Test
    void aDeltaPatternThatMatchesNothingInTheHeadClass() {
        assertSingleError(
                spec(
                        "@Backbone(value = \"gpt2\", modelClass = \"GPT2LMHeadModel\")",
                        "@Lora(modules = \"lm_heads\",",
                        "        exclude = {})",
                        "interface Spec {}"),
                Problem.UNKNOWN_MODULE,
                "Module pattern \"lm_heads\" matches no module of gpt2 as GPT2LMHeadModel. Did you "
                        + "mean \"lm_head\"",
                "modules = \"lm_heads\"");
    }

    @Test
    void modelClassWithAStructureFile() {
        assertSingleError(
                spec(
                        "@Backbone(structure = \"structures/tiny.structure.json\",",
                        "        modelClass = \"BertForSequenceClassification\")",
                        "@BitFit(modules = \"proj\")",
                        "interface Spec {}"),
                Problem.CATALOGUE_ONLY,
                "modelClass applies to catalogue backbones only, and structure = "
                        + "\"structures/tiny.structure.json\" describes a model of its own. Leave "
                        + "modelClass out",
                "modelClass = ");
    }

    /**
     * The first try: the base model has no classifier, and the error says which class does.
     */
    @Test
    void aHeadExcludedOnTheBaseModelNamesTheClassThatHasIt() {
        assertSingleError(
                spec(
                        "@Backbone(\"bert-base-uncased\")",
                        DELTA,
                        "@Freeze(exclude = {\"deltas\",",
                        "        \"classifier\"})",
                        "interface Spec {}"),
                Problem.UNKNOWN_MODULE,
                "Module pattern \"classifier\" matches no module of bert-base-uncased or its deltas. "
                        + "Did you mean \"layer\", \"bias\" or \"dense\"? BertForSequenceClassification has "
                        + "it: tune that class with @Backbone(value = \"bert-base-uncased\", modelClass = "
                        + "\"BertForSequenceClassification\").",
                "\"classifier\"");
    }
}
