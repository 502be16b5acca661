package org.delta4j.train.task;

import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.delta4j.models.bart.BartForConditionalGeneration;
import org.delta4j.models.bert.BertForSequenceClassification;
import org.delta4j.models.gpt2.GPT2LMHeadModel;
import org.delta4j.models.llama.LlamaFamilyForCausalLM;
import org.delta4j.models.t5.T5ForConditionalGeneration;

/**
 * What a model is trained to do, which decides the rows it reads and the loss it is trained on. It
 * comes from the model's class, as HF's heads define their losses.
 */
public enum Task {
    /**
     * One label per row ({@code BertForSequenceClassification}): cross-entropy averaged over the
     * batch, or mean squared error when the model has one label (regression).
     */
    SEQUENCE_CLASSIFICATION("sequence classification", BertForSequenceClassification.class),
    /**
     * Next-token prediction ({@code GPT2LMHeadModel}, {@code LlamaForCausalLM} and the other
     * Llama-family heads): labels are the inputs, shifted by the loss, {@code -100} ignored.
     */
    CAUSAL_LM("causal language modelling", GPT2LMHeadModel.class, LlamaFamilyForCausalLM.class),
    /**
     * Target sequences for an encoder-decoder ({@code BartForConditionalGeneration}, {@code
     * T5ForConditionalGeneration}): the decoder reads the labels shifted right.
     */
    SEQ2SEQ_LM(
            "sequence-to-sequence language modelling",
            BartForConditionalGeneration.class,
            T5ForConditionalGeneration.class);

    private final String description;
    private final Class<?>[] modelClasses;

    Task(String description, Class<?>... modelClasses) {
        this.description = description;
        this.modelClasses = modelClasses;
    }

    /**
     * @return what the task is, in words
     */
    public String description() {
        return description;
    }

    /**
     * @param model a model with a head
     * @return the task its head is trained for
     * @throws IllegalArgumentException for a model without a trainable head, naming the classes
     *     that have one
     */
    public static Task of(Block model) {
        for (Task task : values()) {
            for (Class<?> c : task.modelClasses) {
                if (c.isInstance(model)) {
                    return task;
                }
            }
        }
        throw new IllegalArgumentException(
                model.getClass().getSimpleName()
                        + " has no head to train; load the folder as one of "
                        + headClasses()
                        + " (HfModels.loadAs)");
    }

    private static String headClasses() {
        return Arrays.stream(values())
                .flatMap(t -> Arrays.stream(t.modelClasses))
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
    }
}
