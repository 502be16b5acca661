package org.delta4j.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Small hand-made structures for the rules' tests. */
final class Structures {
    private Structures() {}

    /**
     * A one-layer BART-like encoder-decoder of size 8: the encoder layer's attention and
     * feed-forward, with unified names and exported sizes, and a BERT-like wrapped attention under
     * {@code bert}.
     */
    static ModelStructure tiny() {
        List<ModelStructure.Module> m = new ArrayList<>();
        m.add(module("", "BartModel", List.of(), null, null, Map.of()));
        m.add(module("encoder", "BartEncoder", List.of(), null, null, Map.of()));
        m.add(
                module(
                        "encoder.layers.0",
                        "BartEncoderLayer",
                        List.of("encoder.block.0"),
                        8L,
                        8L,
                        Map.of()));
        m.add(
                module(
                        "encoder.layers.0.self_attn",
                        "BartAttention",
                        List.of("encoder.block.0.attn"),
                        8L,
                        8L,
                        Map.of()));
        for (String p : new String[] {"q_proj", "v_proj", "out_proj"}) {
            m.add(
                    linear(
                            "encoder.layers.0.self_attn." + p,
                            8,
                            8,
                            p.equals("out_proj")
                                    ? "encoder.block.0.attn.proj"
                                    : "encoder.block.0.attn." + p.charAt(0)));
        }
        m.add(
                module(
                        "encoder.layers.0.self_attn_layer_norm",
                        "LayerNorm",
                        List.of(),
                        null,
                        null,
                        Map.of("weight", new long[] {8}, "bias", new long[] {8})));
        m.add(linear("encoder.layers.0.fc1", 8, 30, "encoder.block.0.ff.w1"));
        m.add(linear("encoder.layers.0.fc2", 30, 8, "encoder.block.0.ff.w2"));
        m.add(module("bert", "BertLayer", List.of(), null, null, Map.of()));
        m.add(module("bert.attention", "BertAttention", List.of(), 8L, 8L, Map.of()));
        m.add(module("bert.attention.self", "BertSelfAttention", List.of(), 8L, 8L, Map.of()));
        m.add(
                module(
                        "bert.attention.self.query",
                        "Linear",
                        List.of(),
                        null,
                        null,
                        Map.of("weight", new long[] {8, 8})));
        m.add(module("dropout", "Dropout", List.of(), null, null, Map.of()));
        return new ModelStructure("test/tiny", "BartModel", "encoder", m);
    }

    private static ModelStructure.Module linear(String path, long in, long out, String unified) {
        return module(
                path,
                "Linear",
                List.of(unified),
                in,
                out,
                Map.of("weight", new long[] {out, in}, "bias", new long[] {out}));
    }

    private static ModelStructure.Module module(
            String path,
            String type,
            List<String> unified,
            Long in,
            Long out,
            Map<String, long[]> parameters) {
        return new ModelStructure.Module(
                path,
                type,
                unified,
                in == null ? OptionalLong.empty() : OptionalLong.of(in),
                out == null ? OptionalLong.empty() : OptionalLong.of(out),
                parameters);
    }
}
