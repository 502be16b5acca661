package org.delta4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.delta4j.models.bert.BertConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's parts work on a tiny encoder; nothing here measures or asserts a time. */
class EncoderBenchTest {
    private static final String TINY =
            "{\"model_type\": \"bert\", \"architectures\": [\"BertModel\"],"
                    + " \"vocab_size\": 1100, \"hidden_size\": 16, \"num_hidden_layers\": 2, \"num_attention_heads\": 2,"
                    + " \"intermediate_size\": 32, \"max_position_embeddings\": 16}";

    @TempDir Path tmp;

    @Test
    void everyCaseRunsRepeatedly() {
        EncoderSetup setup = new EncoderSetup(BertConfig.fromJson(TINY), 2, 8, 1);
        for (String name : BenchCases.names()) {
            try (BenchCase c = BenchCases.create(name, setup)) {
                c.runOnce();
                c.runOnce();
            }
        }
    }

    @Test
    void exportWritesWeightsAndOutputs() throws Exception {
        CrossCheckExport.write(new EncoderSetup(BertConfig.fromJson(TINY), 2, 8, 1), tmp);
        assertTrue(Files.size(tmp.resolve("model.safetensors")) > 0);
        assertTrue(Files.size(tmp.resolve("io.safetensors")) > 0);
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
    }
}
