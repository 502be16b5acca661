package org.delta4j.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.delta4j.generate.search.TableSession;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sampling (on a fake model with a fixed table of probabilities, through {@link
 * Generator#withSessions}), streaming and sharing a generator between threads (on the GPT-2
 * fixture).
 */
class GeneratorTest {
    private static final long[][] PROMPT = {{18, 54, 9, 56}, {98, 98, 90, 76}};
    private static final long[][] MASK = {{1, 1, 1, 1}, {0, 0, 1, 1}};

    /** Five tokens; each row of the table, chosen by the last token, is a broad distribution. */
    private static final Map<Long, double[]> TABLE =
            Map.of(
                    0L, new double[] {0.1, 0.3, 0.2, 0.15, 0.25},
                    1L, new double[] {0.3, 0.1, 0.25, 0.2, 0.15},
                    2L, new double[] {0.2, 0.25, 0.1, 0.3, 0.15},
                    3L, new double[] {0.15, 0.2, 0.3, 0.1, 0.25},
                    4L, new double[] {0.25, 0.15, 0.2, 0.3, 0.1});

    private static final long[][] SMALL_PROMPT = {{1, 2}, {3, 4}};

    private static NDManager manager;
    private static Generator greedy;
    private static Generator onTable;

    @BeforeAll
    static void load() throws IOException {
        manager = NDManager.newBaseManager();
        Block model = HfModels.load(Fixtures.model("gpt2_lm_head"), manager);
        greedy =
                Generator.of(
                        model,
                        GenerationConfig.builder()
                                .maxNewTokens(3)
                                .eosTokenIds(98)
                                .outputScores(true)
                                .build());
        onTable =
                greedy.withSessions(inputs -> new TableSession(inputs.inputIds(), TABLE))
                        .withConfig(GenerationConfig.builder().maxNewTokens(12).build());
    }

    @AfterAll
    static void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private static long[][] sample(GenerationConfig.Builder changes) {
        return onTable.withConfig(changes.doSample(true).build())
                .generate(SMALL_PROMPT, null)
                .sequences();
    }

    @Test
    void theSameSeedSamplesTheSameTokens() {
        GenerationConfig.Builder b = onTable.config().toBuilder().seed(7L).temperature(1.5);
        long[][] first = sample(b);
        assertArrayEquals(first, sample(b));
        // a different seed changes at least one of the 24 tokens, drawn from broad distributions
        assertFalse(Arrays.deepEquals(first, sample(b.seed(8L))));
    }

    @Test
    void topK1AndATinyTopPAreGreedy() {
        long[][] expected = onTable.generate(SMALL_PROMPT, null).sequences();
        assertArrayEquals(expected, sample(onTable.config().toBuilder().seed(1L).topK(1)));
        assertArrayEquals(
                expected, sample(onTable.config().toBuilder().seed(2L).topK(0).topP(1e-9)));
    }

    @Test
    void samplingReturnsNumReturnSequencesPerRow() {
        long[][] out = sample(onTable.config().toBuilder().seed(3L).numReturnSequences(3));
        assertEquals(6, out.length);
        for (int r = 0; r < 6; r++) {
            assertArrayEquals(SMALL_PROMPT[r / 3], Arrays.copyOf(out[r], 2));
        }
    }

    @Test
    void theListenerHearsEveryNewToken() {
        List<long[]> heard = new ArrayList<>();
        GenerationResult out =
                greedy.generate(PROMPT, MASK, (step, tokens, finished) -> heard.add(tokens));
        long[][] sequences = out.sequences();
        assertEquals(sequences[0].length - 4, heard.size());
        for (int step = 0; step < heard.size(); step++) {
            for (int r = 0; r < 2; r++) {
                assertEquals(sequences[r][4 + step], heard.get(step)[r]);
            }
        }
        assertEquals(heard.size(), out.scores().size());
    }

    @Test
    void twoThreadsSharingAGeneratorGetTheSameResults() throws Exception {
        Generator beams =
                greedy.withConfig(
                        greedy.config().toBuilder().numBeams(3).numReturnSequences(2).build());
        GenerationResult alone = beams.generate(PROMPT, MASK);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<GenerationResult>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> beams.generate(PROMPT, MASK)));
            }
            for (Future<GenerationResult> future : futures) {
                GenerationResult shared = future.get();
                assertArrayEquals(alone.sequences(), shared.sequences());
                assertArrayEquals(alone.sequencesScores(), shared.sequencesScores());
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(alone.sequencesScores().length == 4);
    }
}
