package org.delta4j.backbone;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The unified-name tables of the supported architectures: BERT, RoBERTa, GPT-2 and T5 as OpenDelta
 * maps them, plus BART, DistilBERT and the Llama family (Llama, Mistral, Qwen2), which OpenDelta
 * lacks. GPT-2's fused {@code c_attn} is {@code attn.q}, {@code attn.k} and {@code attn.v} at once,
 * so LoRA's default modifies it (OpenDelta's default matches nothing on GPT-2).
 */
public final class CommonStructures {
    private static final String N = "(\\d+)";
    private static final Map<String, CommonStructure> TABLES = new HashMap<>();

    static {
        CommonStructure bert =
                CommonStructure.forModel("BertModel")
                        .map("embeddings\\.word_embeddings", "embeddings")
                        .map("encoder", "encoder")
                        .map("encoder\\.layer\\." + N, "encoder.block.$1")
                        .map("encoder\\.layer\\." + N + "\\.attention", "encoder.block.$1.attn")
                        .map(
                                "encoder\\.layer\\." + N + "\\.attention\\.self\\.query",
                                "encoder.block.$1.attn.q")
                        .map(
                                "encoder\\.layer\\." + N + "\\.attention\\.self\\.key",
                                "encoder.block.$1.attn.k")
                        .map(
                                "encoder\\.layer\\." + N + "\\.attention\\.self\\.value",
                                "encoder.block.$1.attn.v")
                        .map(
                                "encoder\\.layer\\." + N + "\\.attention\\.output\\.dense",
                                "encoder.block.$1.attn.proj")
                        .map(
                                "encoder\\.layer\\." + N + "\\.attention\\.output\\.LayerNorm",
                                "encoder.block.$1.attn.layer_norm")
                        .map("encoder\\.layer\\." + N + "\\.intermediate", "encoder.block.$1.ff")
                        .map(
                                "encoder\\.layer\\." + N + "\\.intermediate\\.dense",
                                "encoder.block.$1.ff.w1")
                        .map("encoder\\.layer\\." + N + "\\.output", "encoder.block.$1.ff")
                        .map(
                                "encoder\\.layer\\." + N + "\\.output\\.dense",
                                "encoder.block.$1.ff.w2")
                        .map(
                                "encoder\\.layer\\." + N + "\\.output\\.LayerNorm",
                                "encoder.block.$1.ff.layer_norm");
        register(bert, "BertModel", "RobertaModel");
        register(
                CommonStructure.forModel("DistilBertModel")
                        .map("embeddings\\.word_embeddings", "embeddings")
                        .map("transformer", "encoder")
                        .map("transformer\\.layer\\." + N, "encoder.block.$1")
                        .map("transformer\\.layer\\." + N + "\\.attention", "encoder.block.$1.attn")
                        .map(
                                "transformer\\.layer\\." + N + "\\.attention\\.q_lin",
                                "encoder.block.$1.attn.q")
                        .map(
                                "transformer\\.layer\\." + N + "\\.attention\\.k_lin",
                                "encoder.block.$1.attn.k")
                        .map(
                                "transformer\\.layer\\." + N + "\\.attention\\.v_lin",
                                "encoder.block.$1.attn.v")
                        .map(
                                "transformer\\.layer\\." + N + "\\.attention\\.out_lin",
                                "encoder.block.$1.attn.proj")
                        .map(
                                "transformer\\.layer\\." + N + "\\.sa_layer_norm",
                                "encoder.block.$1.attn.layer_norm")
                        .map("transformer\\.layer\\." + N + "\\.ffn", "encoder.block.$1.ff")
                        .map(
                                "transformer\\.layer\\." + N + "\\.ffn\\.lin1",
                                "encoder.block.$1.ff.w1")
                        .map(
                                "transformer\\.layer\\." + N + "\\.ffn\\.lin2",
                                "encoder.block.$1.ff.w2")
                        .map(
                                "transformer\\.layer\\." + N + "\\.output_layer_norm",
                                "encoder.block.$1.ff.layer_norm"),
                "DistilBertModel");
        register(
                CommonStructure.forModel("GPT2Model")
                        .map("wte", "embeddings")
                        .map("h", "decoder.block")
                        .map("h\\." + N, "decoder.block.$1")
                        .map("h\\." + N + "\\.attn", "decoder.block.$1.attn")
                        .map("h\\." + N + "\\.attn\\.c_attn", "decoder.block.$1.attn.q")
                        .map("h\\." + N + "\\.attn\\.c_attn", "decoder.block.$1.attn.k")
                        .map("h\\." + N + "\\.attn\\.c_attn", "decoder.block.$1.attn.v")
                        .map("h\\." + N + "\\.attn\\.c_proj", "decoder.block.$1.attn.proj")
                        .map("h\\." + N + "\\.ln_1", "decoder.block.$1.attn.layer_norm")
                        .map("h\\." + N + "\\.mlp", "decoder.block.$1.ff")
                        .map("h\\." + N + "\\.mlp\\.c_fc", "decoder.block.$1.ff.w1")
                        .map("h\\." + N + "\\.mlp\\.c_proj", "decoder.block.$1.ff.w2")
                        .map("h\\." + N + "\\.ln_2", "decoder.block.$1.ff.layer_norm")
                        .map("ln_f", "decoder.layer_norm"),
                "GPT2Model");
        register(t5(), "T5Model", "T5ForConditionalGeneration", "T5EncoderModel");
        register(bart(), "BartModel");
        register(llama(), "LlamaModel", "MistralModel", "Qwen2Model");
    }

    private CommonStructures() {}

    /**
     * @param modelType a module type, such as {@code BertModel}
     * @return its table, or {@code null} when it has none
     */
    public static CommonStructure forType(String modelType) {
        return TABLES.get(modelType);
    }

    /**
     * @return the types that have a table
     */
    public static Set<String> types() {
        return TABLES.keySet();
    }

    private static void register(CommonStructure table, String... types) {
        for (String t : types) {
            TABLES.put(t, table);
        }
    }

    private static CommonStructure t5() {
        CommonStructure t = CommonStructure.forModel("T5Model").map("shared", "embeddings");
        for (String stack : new String[] {"encoder", "decoder"}) {
            String b = stack + "\\.block\\." + N;
            String u = stack + ".block.$1";
            t.map(stack + "\\.embed_tokens", stack + ".embeddings")
                    .map(b, u)
                    .map(b + "\\.layer\\.0", u + ".attn")
                    .map(b + "\\.layer\\.0\\.SelfAttention\\.q", u + ".attn.q")
                    .map(b + "\\.layer\\.0\\.SelfAttention\\.k", u + ".attn.k")
                    .map(b + "\\.layer\\.0\\.SelfAttention\\.v", u + ".attn.v")
                    .map(b + "\\.layer\\.0\\.SelfAttention\\.o", u + ".attn.proj")
                    .map(b + "\\.layer\\.0\\.layer_norm", u + ".attn.layer_norm")
                    .map(stack + "\\.final_layer_norm", stack + ".layer_norm");
            String ff = stack.equals("encoder") ? "1" : "2";
            t.map(b + "\\.layer\\." + ff, u + ".ff")
                    .map(
                            b + "\\.layer\\." + ff + "\\.DenseReluDense\\.(wi|wi_0|wi_1)",
                            u + ".ff.w1")
                    .map(b + "\\.layer\\." + ff + "\\.DenseReluDense\\.wo", u + ".ff.w2")
                    .map(b + "\\.layer\\." + ff + "\\.layer_norm", u + ".ff.layer_norm");
        }
        String b = "decoder\\.block\\." + N + "\\.layer\\.1";
        return t.map(b, "decoder.block.$1.crossattn")
                .map(b + "\\.EncDecAttention\\.q", "decoder.block.$1.crossattn.q")
                .map(b + "\\.EncDecAttention\\.k", "decoder.block.$1.crossattn.k")
                .map(b + "\\.EncDecAttention\\.v", "decoder.block.$1.crossattn.v")
                .map(b + "\\.EncDecAttention\\.o", "decoder.block.$1.crossattn.proj")
                .map(b + "\\.layer_norm", "decoder.block.$1.crossattn.layer_norm");
    }

    /**
     * Llama, Mistral and Qwen2, with Meta's names for the SwiGLU MLP: {@code gate_proj} is {@code
     * ff.w1}, {@code down_proj} {@code ff.w2} and {@code up_proj} {@code ff.w3}, so that {@code
     * ff.w1} and {@code ff.w2} name one module each (a parallel adapter pairs them).
     */
    private static CommonStructure llama() {
        String l = "layers\\." + N;
        String u = "decoder.block.$1";
        return CommonStructure.forModel("LlamaModel")
                .map("embed_tokens", "embeddings")
                .map("layers", "decoder.block")
                .map(l, u)
                .map(l + "\\.self_attn", u + ".attn")
                .map(l + "\\.self_attn\\.q_proj", u + ".attn.q")
                .map(l + "\\.self_attn\\.k_proj", u + ".attn.k")
                .map(l + "\\.self_attn\\.v_proj", u + ".attn.v")
                .map(l + "\\.self_attn\\.o_proj", u + ".attn.proj")
                .map(l + "\\.input_layernorm", u + ".attn.layer_norm")
                .map(l + "\\.mlp", u + ".ff")
                .map(l + "\\.mlp\\.gate_proj", u + ".ff.w1")
                .map(l + "\\.mlp\\.down_proj", u + ".ff.w2")
                .map(l + "\\.mlp\\.up_proj", u + ".ff.w3")
                .map(l + "\\.post_attention_layernorm", u + ".ff.layer_norm")
                .map("norm", "decoder.layer_norm");
    }

    private static CommonStructure bart() {
        CommonStructure t = CommonStructure.forModel("BartModel").map("shared", "embeddings");
        for (String stack : new String[] {"encoder", "decoder"}) {
            String l = stack + "\\.layers\\." + N;
            String u = stack + ".block.$1";
            t.map(stack + "\\.embed_tokens", stack + ".embeddings")
                    .map(stack + "\\.layernorm_embedding", stack + ".embeddings.layer_norm")
                    .map(l, u)
                    .map(l + "\\.self_attn", u + ".attn")
                    .map(l + "\\.self_attn\\.q_proj", u + ".attn.q")
                    .map(l + "\\.self_attn\\.k_proj", u + ".attn.k")
                    .map(l + "\\.self_attn\\.v_proj", u + ".attn.v")
                    .map(l + "\\.self_attn\\.out_proj", u + ".attn.proj")
                    .map(l + "\\.self_attn_layer_norm", u + ".attn.layer_norm")
                    .map(l + "\\.fc1", u + ".ff.w1")
                    .map(l + "\\.fc1", u + ".ff")
                    .map(l + "\\.fc2", u + ".ff.w2")
                    .map(l + "\\.fc2", u + ".ff")
                    .map(l + "\\.final_layer_norm", u + ".ff.layer_norm");
        }
        String l = "decoder\\.layers\\." + N;
        return t.map(l + "\\.encoder_attn", "decoder.block.$1.crossattn")
                .map(l + "\\.encoder_attn\\.q_proj", "decoder.block.$1.crossattn.q")
                .map(l + "\\.encoder_attn\\.k_proj", "decoder.block.$1.crossattn.k")
                .map(l + "\\.encoder_attn\\.v_proj", "decoder.block.$1.crossattn.v")
                .map(l + "\\.encoder_attn\\.out_proj", "decoder.block.$1.crossattn.proj")
                .map(l + "\\.encoder_attn_layer_norm", "decoder.block.$1.crossattn.layer_norm");
    }
}
