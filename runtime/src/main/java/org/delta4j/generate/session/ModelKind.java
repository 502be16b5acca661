package org.delta4j.generate.session;

import ai.djl.nn.Block;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.models.TeacherForced;
import org.delta4j.models.gpt2.GPT2LMHeadModel;

/** How a model generates: a decoder-only language model or an encoder-decoder one. */
public enum ModelKind {
    /** A causal language model ({@code GPT2LMHeadModel}): the prompt is continued. */
    DECODER_ONLY,
    /**
     * A sequence-to-sequence model ({@code BartForConditionalGeneration}, {@code
     * T5ForConditionalGeneration}): the encoder reads the input, the decoder writes from its start
     * id.
     */
    ENCODER_DECODER;

    /**
     * @param model a loaded model
     * @return how it generates
     * @throws IllegalArgumentException when it cannot generate (an encoder-only model such as BERT,
     *     or a base model without a language-model head), saying which classes can
     */
    public static ModelKind of(Block model) {
        if (model instanceof HasEncoder && model instanceof TeacherForced) {
            return ENCODER_DECODER;
        }
        if (model instanceof GPT2LMHeadModel) {
            return DECODER_ONLY;
        }
        throw new IllegalArgumentException(
                model.getClass().getSimpleName()
                        + " cannot generate text: it has no language-model head over a decoder (an"
                        + " encoder-only model such as BERT, or a base model without its head);"
                        + " load a GPT2LMHeadModel, BartForConditionalGeneration or"
                        + " T5ForConditionalGeneration");
    }
}
