package org.delta4j.generate.session;

import ai.djl.nn.Block;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.models.CausalLanguageModel;
import org.delta4j.models.HasInputLimits;
import org.delta4j.models.TeacherForced;

/** How a model generates: a decoder-only language model or an encoder-decoder one. */
public enum ModelKind {
    /**
     * A {@link CausalLanguageModel} ({@code GPT2LMHeadModel}, {@code LlamaForCausalLM}, ...): the
     * prompt is continued.
     */
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
        if (model instanceof HasEncoder
                && model instanceof TeacherForced
                && model instanceof HasInputLimits) {
            return ENCODER_DECODER;
        }
        if (model instanceof CausalLanguageModel) {
            return DECODER_ONLY;
        }
        throw new IllegalArgumentException(
                model.getClass().getSimpleName()
                        + " cannot generate text: it has no language-model head over a decoder (an"
                        + " encoder-only model such as BERT, or a base model without its head);"
                        + " load a causal language model (GPT2LMHeadModel, LlamaForCausalLM,"
                        + " MistralForCausalLM, Qwen2ForCausalLM) or BartForConditionalGeneration or"
                        + " T5ForConditionalGeneration");
    }
}
