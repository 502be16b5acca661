package org.delta4j.models;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.models.bart.TinyBart;
import org.delta4j.models.bert.TinyBertFamily;
import org.delta4j.models.gpt2.TinyGpt2;
import org.delta4j.models.llama.TinyLlamaFamily;
import org.delta4j.models.t5.TinyT5;
import org.junit.jupiter.params.provider.Arguments;

/** One tiny configuration of every architecture delta4j builds, and inputs that fit them all. */
public final class TinyModels {
    private static final long[][] IDS = {{5, 31, 12, 45, 7, 1}, {9, 8, 9, 1, 0, 0}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
    private static final long[][] DECODER_IDS = {{0, 31, 12, 45}, {0, 8, 9, 1}};

    private TinyModels() {}

    /**
     * @return a name and a {@link ModelConfig} for each architecture, T5 also in its gated v1.1
     *     form
     */
    public static Stream<Arguments> architectures() {
        String v11 = ", \"feed_forward_proj\": \"gated-gelu\", \"tie_word_embeddings\": false";
        return Stream.of(
                arguments("BertModel", TinyBertFamily.config("BertModel")),
                arguments(
                        "BertForSequenceClassification",
                        TinyBertFamily.config("BertForSequenceClassification")),
                arguments("RobertaModel", TinyBertFamily.config("RobertaModel")),
                arguments("DistilBertModel", TinyBertFamily.config("DistilBertModel")),
                arguments("GPT2Model", TinyGpt2.config("GPT2Model", "")),
                arguments("GPT2LMHeadModel", TinyGpt2.config("GPT2LMHeadModel", "")),
                arguments("BartModel", TinyBart.config("BartModel")),
                arguments(
                        "BartForConditionalGeneration",
                        TinyBart.config("BartForConditionalGeneration")),
                arguments("T5Model", TinyT5.config("T5Model", "")),
                arguments(
                        "T5ForConditionalGeneration",
                        TinyT5.config("T5ForConditionalGeneration", "")),
                arguments(
                        "T5ForConditionalGeneration v1.1",
                        TinyT5.config("T5ForConditionalGeneration", v11)),
                arguments("LlamaModel", TinyLlamaFamily.config("LlamaModel")),
                arguments("LlamaForCausalLM", TinyLlamaFamily.config("LlamaForCausalLM")),
                arguments("MistralForCausalLM", TinyLlamaFamily.config("MistralForCausalLM")),
                arguments("Qwen2ForCausalLM", TinyLlamaFamily.config("Qwen2ForCausalLM")));
    }

    /**
     * @param model one of the {@link #architectures}
     * @param manager the manager to own the inputs
     * @return encoder inputs with padding, and decoder ids for encoder-decoder models
     */
    public static NDList inputs(Block model, NDManager manager) {
        Map<String, long[][]> in = new LinkedHashMap<>();
        in.put("input_ids", IDS);
        in.put("attention_mask", MASK);
        if (model instanceof HasEncoder) {
            in.put("decoder_input_ids", DECODER_IDS);
        }
        return ModelInputs.of(manager, in);
    }
}
