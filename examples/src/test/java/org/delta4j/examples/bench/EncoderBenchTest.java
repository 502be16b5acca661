package org.delta4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.delta4j.delta.StateDict;
import org.delta4j.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's parts work on tiny models of each family; nothing here measures a time. */
class EncoderBenchTest {
    private static final String BERT =
            "{\"model_type\": \"bert\", \"architectures\": [\"BertModel\"],"
                    + " \"vocab_size\": 1100, \"hidden_size\": 16, \"num_hidden_layers\": 2,"
                    + " \"num_attention_heads\": 2, \"intermediate_size\": 32,"
                    + " \"max_position_embeddings\": 16}";
    private static final String GPT2 =
            "{\"model_type\": \"gpt2\", \"architectures\": [\"GPT2LMHeadModel\"],"
                    + " \"vocab_size\": 1100, \"n_embd\": 16, \"n_layer\": 2, \"n_head\": 2,"
                    + " \"n_positions\": 16}";
    private static final String T5 =
            "{\"model_type\": \"t5\", \"architectures\": [\"T5Model\"], \"vocab_size\": 1100,"
                    + " \"d_model\": 16, \"d_kv\": 8, \"d_ff\": 32, \"num_layers\": 2,"
                    + " \"num_decoder_layers\": 1, \"num_heads\": 2}";
    private static final String QWEN2 =
            "{\"model_type\": \"qwen2\", \"architectures\": [\"Qwen2ForCausalLM\"],"
                    + " \"vocab_size\": 1100, \"hidden_size\": 16, \"intermediate_size\": 32,"
                    + " \"num_hidden_layers\": 2, \"num_attention_heads\": 2,"
                    + " \"num_key_value_heads\": 1, \"max_position_embeddings\": 16}";
    private static final Map<String, String> CONFIGS =
            Map.of("bert", BERT, "gpt2", GPT2, "t5", T5, "qwen2", QWEN2);

    @TempDir Path tmp;

    private EncoderSetup setup(String family) throws Exception {
        Path config = tmp.resolve(family + ".json");
        Files.writeString(config, CONFIGS.get(family));
        return EncoderSetup.read(config, 2, 8, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "gpt2", "t5", "qwen2"})
    void everyCaseRunsRepeatedlyForEveryFamily(String family) throws Exception {
        EncoderSetup setup = setup(family);
        for (String name : BenchCases.names()) {
            try (BenchCase c = BenchCases.create(name, setup)) {
                c.runOnce();
                c.runOnce();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "gpt2", "t5", "qwen2"})
    void exportWritesTheBaseModelsWeightsInputsAndOutputs(String family) throws Exception {
        CrossCheckExport.write(setup(family), tmp);
        List<String> io = names(tmp.resolve("io.safetensors"));
        assertTrue(io.contains("last_hidden_state"), io.toString());
        assertEquals(family.equals("t5"), io.contains("decoder_input_ids"));
        assertEquals(family.equals("bert"), io.contains("pooler_output"));
        // The base model, whatever head the config names: no lm_head.
        assertTrue(
                names(tmp.resolve("model.safetensors")).stream()
                        .noneMatch(k -> k.startsWith("lm_head")));
    }

    private static List<String> names(Path file) throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return f.names();
        }
    }

    @Test
    void loraGoesOnEachFamilysPeftTargets() throws Exception {
        for (Map.Entry<String, String> e :
                Map.of("bert", "query", "gpt2", "c_attn", "t5", ".q.", "qwen2", "q_proj")
                        .entrySet()) {
            EncoderSetup setup = setup(e.getKey());
            try (Model model = Model.newInstance("lora")) {
                Block block = setup.newModel(model.getNDManager());
                setup.attachLora(block);
                assertTrue(
                        StateDict.of(block).keySet().stream()
                                .anyMatch(k -> k.contains(e.getValue()) && k.contains("lora_A")),
                        e.getKey());
            }
        }
    }

    @Test
    void anUnknownModelTypeIsRejectedNamingTheFileAndTheFamilies() throws Exception {
        Path config = tmp.resolve("bart.json");
        Files.writeString(config, "{\"model_type\": \"bart\"}");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> EncoderSetup.read(config, 1, 4, 1));
        assertTrue(e.getMessage().contains(config.toString()), e.getMessage());
        assertTrue(
                e.getMessage().contains("bart") && e.getMessage().contains("t5"), e.getMessage());
    }

    @Test
    void timingsAreMedianAndNearestRankPercentiles() {
        Timings odd =
                Timings.of(new long[] {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000});
        assertEquals(new Timings(3.0, 1.0, 5.0, 5), odd);
        assertEquals(
                2.5,
                Timings.of(new long[] {1_000_000, 2_000_000, 3_000_000, 4_000_000}).medianMs());
    }

    @Test
    void optionsHaveDefaultsAndRejectMistakes() {
        BenchOptions o =
                BenchOptions.parse(
                        new String[] {"--config", "c.json", "--cases", "forward,train-lora"});
        assertEquals(List.of("forward", "train-lora"), o.cases());
        assertEquals(8, o.batch());
        assertEquals(64, o.length());
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--batch", "8"}));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        BenchOptions.parse(
                                new String[] {"--config", "c.json", "--cases", "backward"}));
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--config", "c.json", "--iters", "0"}));
        assertEquals(0.0, o.warmupSeconds());
        assertEquals(
                2.5,
                BenchOptions.parse(new String[] {"--config", "c.json", "--warmup-seconds", "2.5"})
                        .warmupSeconds());
        for (String bad : new String[] {"-1", "NaN", "Infinity", "soon"}) {
            assertRejectedNamingIt("--warmup-seconds", bad);
        }
    }

    @Test
    void inferenceCasesTakeTheirOwnTimedRunsOrTheTrainingCount() {
        BenchOptions defaulted =
                BenchOptions.parse(new String[] {"--config", "c.json", "--iters", "5"});
        assertEquals(5, defaulted.inferenceIters());
        BenchOptions own =
                BenchOptions.parse(
                        new String[] {
                            "--config", "c.json", "--iters", "5", "--inference-iters", "20"
                        });
        assertEquals(5, own.iters());
        assertEquals(20, own.inferenceIters());
        assertRejectedNamingIt("--inference-iters", "0");
    }

    private static void assertRejectedNamingIt(String option, String value) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                BenchOptions.parse(
                                        new String[] {"--config", "c.json", option, value}));
        assertTrue(e.getMessage().contains(option), e.getMessage());
    }

    @Test
    void warmUpRunsForTheLongerOfItsCountAndItsTime() {
        AtomicInteger calls = new AtomicInteger();
        BenchCase counted =
                new BenchCase() {
                    @Override
                    public void runOnce() {
                        calls.incrementAndGet();
                    }

                    @Override
                    public void close() {}
                };
        assertEquals(3, Timings.measure(counted, 5, 0, 3).count());
        assertEquals(8, calls.get());

        calls.set(0);
        long start = System.nanoTime();
        Timings.measure(counted, 1, 0.2, 2);
        assertTrue(System.nanoTime() - start >= 200_000_000L, "warmed up for 0.2 s at least");
        assertTrue(calls.get() > 3, "kept warming up past the count: " + calls.get());
    }
}
