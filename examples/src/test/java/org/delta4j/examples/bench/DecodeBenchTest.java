package org.delta4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.delta4j.io.Safetensors;
import org.delta4j.models.gpt2.GPT2Config;
import org.delta4j.models.gpt2.GPT2LMHeadModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoding benchmark's parts work on a tiny GPT-2; nothing here measures or asserts a time. */
class DecodeBenchTest {
    private static final GPT2Config TINY =
            GPT2Config.fromJson(
                    "{\"model_type\": \"gpt2\", \"architectures\": [\"GPT2LMHeadModel\"],"
                            + " \"vocab_size\": 50, \"n_positions\": 16, \"n_embd\": 16, \"n_layer\": 2,"
                            + " \"n_head\": 2}");

    @TempDir Path tmp;

    @Test
    void everyCasePrintsItsResultLinesPerBatch() {
        DecodeOptions options =
                DecodeOptions.parse(
                        new String[] {"--config", "c.json", "--warmup", "1", "--iters", "2"});
        DecodeSetup setup = new DecodeSetup(TINY, 2, 5, 3, 1);
        try (Model model = Model.newInstance("test")) {
            GPT2LMHeadModel gpt2 = setup.newModel(model.getNDManager());
            DecodeCases cases = new DecodeCases(gpt2, model.getNDManager(), setup, options);
            List<String> names =
                    DecodeOptions.CASES.stream()
                            .flatMap(c -> cases.run(c).stream())
                            .map(line -> line.split(" ")[2])
                            .toList();
            assertEquals(
                    List.of(
                            "prefill-b2",
                            "decode-cached-b2",
                            "step-next-b2",
                            "step-argmax-b2",
                            "recompute-8-b2",
                            "kv-concat-8-b2",
                            "lm-head-b2",
                            "logits-copy-b2"),
                    names);
            assertTrue(
                    cases.run("decode")
                            .get(1)
                            .matches("RESULT djl decode-cached-b2 [0-9.]+ [0-9.]+ [0-9.]+ 2"));
        }
    }

    @Test
    void cachedDecodingChoosesWhatRecomputingChooses() {
        DecodeSetup setup = new DecodeSetup(TINY, 3, 4, 5, 7);
        long[][] prompt = setup.tokens(setup.prompt());
        try (Model model = Model.newInstance("test")) {
            NDManager manager = model.getNDManager();
            GPT2LMHeadModel gpt2 = setup.newModel(manager);
            CachedGreedyDecoding.Run run =
                    new CachedGreedyDecoding(gpt2, manager).run(prompt, setup.newTokens(), true);
            assertEquals(setup.newTokens() + 1, run.logits().length);
            long[][] sequence = prompt;
            for (int step = 0; step <= setup.newTokens(); step++) {
                float[][] full =
                        CachedGreedyDecoding.lastLogitsWithoutCache(gpt2, manager, sequence);
                for (int b = 0; b < prompt.length; b++) {
                    assertArrayEquals(full[b], run.logits()[step][b], 1e-5f);
                }
                long[] chosen = CachedGreedyDecoding.argmax(full);
                for (int b = 0; b < prompt.length; b++) {
                    assertEquals(chosen[b], run.tokens()[b][step]);
                }
                sequence = appended(sequence, chosen);
            }
        }
    }

    @Test
    void exportWritesWeightsTokensAndLogits() throws Exception {
        DecodeExport.write(new DecodeSetup(TINY, 2, 4, 3, 1), tmp);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> io = Safetensors.read(tmp.resolve("io.safetensors"), manager);
            assertEquals(new Shape(2, 4), io.get("input_ids").getShape());
            assertEquals(new Shape(2, 4), io.get("tokens").getShape());
            assertEquals(new Shape(4, 2, 50), io.get("logits").getShape());
            Map<String, NDArray> weights =
                    Safetensors.read(tmp.resolve("model.safetensors"), manager);
            assertTrue(weights.containsKey("transformer.h.1.attn.c_attn.weight"));
        }
    }

    @Test
    void argmaxTakesTheFirstOfEqualMaxima() {
        assertArrayEquals(
                new long[] {1, 0},
                CachedGreedyDecoding.argmax(new float[][] {{0, 2, 2}, {3, 1, 3}}));
    }

    @Test
    void optionsHaveDefaultsAndRejectMistakes() {
        DecodeOptions o = DecodeOptions.parse(new String[] {"--config", "c.json"});
        assertEquals(List.of(1, 8), o.batches());
        assertEquals(128, o.prompt());
        assertEquals(64, o.newTokens());
        assertEquals(DecodeOptions.CASES, o.cases());
        assertEquals(
                List.of(2, 4),
                DecodeOptions.parse(new String[] {"--config", "c.json", "--batch", "2,4"})
                        .batches());
        assertThrows(
                IllegalArgumentException.class,
                () -> DecodeOptions.parse(new String[] {"--new", "4"}));
        assertThrows(
                IllegalArgumentException.class,
                () -> DecodeOptions.parse(new String[] {"--config", "c.json", "--batch", "1,0"}));
        assertThrows(
                IllegalArgumentException.class,
                () -> DecodeOptions.parse(new String[] {"--config", "c.json", "--cases", "beam"}));
        assertThrows(
                IllegalArgumentException.class,
                () -> DecodeOptions.parse(new String[] {"--config", "c.json", "--prompt"}));
    }

    private static long[][] appended(long[][] ids, long[] tokens) {
        long[][] out = new long[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            out[b] = Arrays.copyOf(ids[b], ids[b].length + 1);
            out[b][ids[b].length] = tokens[b];
        }
        return out;
    }
}
