package org.delta4j.models.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Rotary frequencies with HF's rope scalings, against their published formulas. */
class RopeScalingTest {
    private static final String TINY =
            "\"hidden_size\": 32, \"num_attention_heads\": 4, \"num_hidden_layers\": 2,"
                    + " \"max_position_embeddings\": 16";

    private static LlamaConfig config(String scaling) {
        return LlamaConfig.fromJson("{" + TINY + ", \"rope_scaling\": " + scaling + "}");
    }

    private static float[] cos(LlamaConfig config, long... positions) {
        try (NDManager manager = NDManager.newBaseManager()) {
            LlamaRotaryEmbedding rope = new LlamaRotaryEmbedding(config);
            NDArray ids = manager.create(positions).reshape(1, positions.length);
            NDList out = rope.forward(new ParameterStore(manager, false), new NDList(ids), false);
            return out.get(0).toFloatArray();
        }
    }

    @Test
    void linearScalingDividesThePositions() {
        assertArrayEquals(
                cos(config("null"), 0, 1, 2, 3),
                cos(config("{\"type\": \"linear\", \"factor\": 2.0}"), 0, 2, 4, 6),
                1e-6f);
    }

    @Test
    void dynamicScalingGrowsTheBaseOnlyPastTheMaximum() {
        LlamaConfig dynamic = config("{\"type\": \"dynamic\", \"factor\": 2.0}");
        assertArrayEquals(cos(config("null"), 0, 5, 15), cos(dynamic, 0, 5, 15), 0f);
        // Longest position 31: length 32, base 10000 * (2 * 32 / 16 - 1)^(8 / 6).
        float[] inv = dynamic.ropeScaling().inverseFrequencies(10000f, 8, 32, 16);
        double base = 10000 * Math.pow(3, 8.0 / 6);
        for (int i = 0; i < 4; i++) {
            assertEquals(Math.pow(base, -2.0 * i / 8), inv[i], 1e-6 * Math.abs(inv[i]));
        }
    }

    @Test
    void llama3ScalingKeepsHighFrequenciesAndDividesLowOnes() {
        RopeScaling llama3 =
                config(
                                "{\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\":"
                                        + " 1.0, \"high_freq_factor\": 4.0,"
                                        + " \"original_max_position_embeddings\": 8192}")
                        .ropeScaling();
        float[] inv = llama3.inverseFrequencies(500000f, 128, 0, 131072);
        for (int i = 0; i < inv.length; i++) {
            double plain = Math.pow(500000, -2.0 * i / 128);
            double wavelen = 2 * Math.PI / plain;
            double want;
            if (wavelen < 8192 / 4.0) {
                want = plain;
            } else if (wavelen > 8192 / 1.0) {
                want = plain / 8;
            } else {
                double smooth = (8192 / wavelen - 1) / (4 - 1);
                want = (1 - smooth) * plain / 8 + smooth * plain;
            }
            assertEquals(want, inv[i], 1e-5 * want, "frequency " + i);
        }
    }
}
