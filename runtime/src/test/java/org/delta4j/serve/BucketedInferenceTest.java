package org.delta4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bucketed batches give every request what it gets alone: the fixtures' tiny models of several
 * families, requests of mixed lengths, compared row by row within 1e-5; and the requests a runner
 * refuses.
 */
class BucketedInferenceTest {
    private static final BucketLimits LIMITS = new BucketLimits(4, 64);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "bert, last_hidden_state, 0",
        "bert_for_sequence_classification, logits, 0",
        "roberta, last_hidden_state, 1",
        "distilbert, last_hidden_state, 0",
        "gpt2, last_hidden_state, 98"
    })
    void eachRequestGetsWhatItGetsAlone(String fixture, String output, long padId)
            throws Exception {
        try (NDManager weights = NDManager.newBaseManager();
                NDManager requests = NDManager.newBaseManager()) {
            Block model = HfModels.load(Fixtures.model(fixture), weights);
            List<long[]> batch = mixedLengths(13, 30, 99);
            boolean perToken = output.equals("last_hidden_state");
            RowReader<float[]> reader = row -> perToken ? row.tokens(output) : row.values(output);
            List<float[]> bucketed =
                    new BucketedInference(model, padId, LIMITS).run(requests, batch, reader);
            for (int i = 0; i < batch.size(); i++) {
                long[][] ids = {batch.get(i)};
                float[] alone =
                        Inference.run(
                                model,
                                requests,
                                m -> ModelInputs.of(m, Map.of("input_ids", ids)),
                                (NDList out) -> out.get(output).toFloatArray());
                assertClose(alone, bucketed.get(i), fixture + " request " + i);
            }
            assertEquals(0, requests.getManagedArrays().size(), "every batch's manager closed");
        }
    }

    @Test
    void badRequestsAreRefusedNamingTheRequest() throws Exception {
        try (NDManager weights = NDManager.newBaseManager();
                NDManager requests = NDManager.newBaseManager()) {
            Block bert = HfModels.load(Fixtures.model("bert"), weights);
            Block classifier =
                    HfModels.load(Fixtures.model("bert_for_sequence_classification"), weights);
            BucketedInference runner = new BucketedInference(bert, 0, new BucketLimits(4, 1000));
            RowReader<float[]> reader = row -> row.values("pooler_output");
            assertMessage(() -> runner.run(requests, List.of(), reader), "no requests");
            assertMessage(
                    () -> runner.run(requests, List.of(new long[] {5}, new long[0]), reader),
                    "request 1 has no tokens");
            assertMessage(
                    () -> runner.run(requests, List.of(new long[] {5}, new long[70]), reader),
                    // BertModel names no limit of its own: the batch's error names the batch's
                    // requests.
                    "requests [0, 1]: BertModel: input_ids has 70 tokens; it takes at most 64");
            assertMessage(
                    () -> runner.run(requests, List.of(new long[] {5}, new long[] {7, 99}), reader),
                    "input_ids holds 99, outside 0..98");
            assertMessage(
                    () ->
                            new BucketedInference(classifier, 0, LIMITS)
                                    .run(requests, List.of(new long[] {5}, new long[65]), reader),
                    "request 1 has 65 tokens; it takes at most 64");
            assertMessage(
                    () -> new BucketedInference(classifier, 99, LIMITS),
                    "padId must be a token id of the model (0..98), got 99");
            assertMessage(
                    () -> runner.run(requests, List.of(new long[] {5}), row -> row.values("x")),
                    "the model has no output \"x\"; its outputs are [last_hidden_state,"
                            + " pooler_output]");
            assertEquals(0, requests.getManagedArrays().size(), "no manager left open");
        }
    }

    private static List<long[]> mixedLengths(int count, int longest, int vocab) {
        Random random = new Random(3);
        List<long[]> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Ids from 2 up: never the pad ids the fixtures use, so padding cannot hide a token.
            requests.add(random.longs(1 + random.nextInt(longest), 2, vocab - 1).toArray());
        }
        return requests;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, what + " at " + i);
        }
    }

    private static void assertMessage(Runnable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
