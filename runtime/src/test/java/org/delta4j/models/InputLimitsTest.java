package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.delta4j.models.hf.HfModels;
import org.delta4j.models.t5.T5Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression: token ids out of range failed with the engine's "index out of range in self", and
 * too-long inputs with tensor sizes (T5 had no limit at all). Through the Java API, every
 * architecture now names the input, the offending value and the config field.
 */
class InputLimitsTest {
    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bert",
                "bert_for_sequence_classification",
                "roberta",
                "distilbert",
                "gpt2",
                "gpt2_lm_head",
                "bart",
                "bart_for_conditional_generation",
                "t5",
                "t5_for_conditional_generation"
            })
    void idsOutsideTheVocabularyAreNamed(String fixture) throws IOException {
        Block model = HfModels.load(Fixtures.model(fixture), manager);
        String owner = ownerOf(model);
        assertEquals(
                owner + ": input_ids holds 99, outside 0..98 (vocab_size = 99)",
                error(model, Map.of("input_ids", new long[][] {{5, 99, 7}})));
        assertEquals(
                owner + ": input_ids holds -1, outside 0..98 (vocab_size = 99)",
                error(model, Map.of("input_ids", new long[][] {{5, -1, 7}})));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bart", "t5"})
    void decoderIdsOutsideTheVocabularyAreNamed(String fixture) throws IOException {
        Block model = HfModels.load(Fixtures.model(fixture), manager);
        Map<String, long[][]> in = new LinkedHashMap<>();
        in.put("input_ids", new long[][] {{5, 6, 7}});
        in.put("decoder_input_ids", new long[][] {{0, 150}});
        assertEquals(
                ownerOf(model) + ": decoder_input_ids holds 150, outside 0..98 (vocab_size = 99)",
                error(model, in));
    }

    /**
     * The longest input each model takes runs; one token more is refused, naming the config field.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "bert | 64 | max_position_embeddings = 64",
                "bert_for_sequence_classification | 64 | max_position_embeddings = 64",
                "roberta | 62 | max_position_embeddings = 64, less 2 because RoBERTa's positions start at pad_token_id + 1",
                "distilbert | 64 | max_position_embeddings = 64",
                "gpt2 | 64 | n_positions = 64",
                "gpt2_lm_head | 64 | n_positions = 64",
                "bart | 64 | max_position_embeddings = 64",
                "t5 | 512 | n_positions = 512: T5's relative positions have no fixed limit"
            })
    void tooLongInputsNameTheConfigLimit(String fixture, int longest, String rule)
            throws IOException {
        Block model = HfModels.load(Fixtures.model(fixture), manager);
        run(model, Map.of("input_ids", new long[][] {ids(longest)}));
        String message = error(model, Map.of("input_ids", new long[][] {ids(longest + 1)}));
        assertTrue(
                message.startsWith(
                        ownerOf(model)
                                + ": input_ids has "
                                + (longest + 1)
                                + " tokens; it takes at "
                                + "most "
                                + longest
                                + " ("
                                + rule),
                message);
    }

    @Test
    void t5sLimitIsRaisedInTheConfig() {
        String config =
                "{\"model_type\": \"t5\", \"architectures\": [\"T5Model\"], \"d_model\": 16, \"d_kv\": 4,"
                        + " \"d_ff\": 8, \"num_layers\": 1, \"num_heads\": 2, \"vocab_size\": 20,"
                        + " \"decoder_start_token_id\": 0,"
                        + " \"n_positions\": ";
        Block small = HfModels.random(T5Config.fromJson(config + "8}"), manager, 1);
        Map<String, long[][]> nine = Map.of("input_ids", new long[][] {ids(9)});
        assertTrue(
                error(small, nine)
                        .endsWith("raise n_positions in config.json to allow longer inputs)"));
        run(HfModels.random(T5Config.fromJson(config + "9}"), manager, 1), nine);
    }

    @Test
    void bertsTokenTypesAndPositionsAreChecked() throws IOException {
        Block model = HfModels.load(Fixtures.model("bert"), manager);
        Map<String, long[][]> in = new LinkedHashMap<>();
        in.put("input_ids", new long[][] {{5, 6}});
        in.put("token_type_ids", new long[][] {{0, 2}});
        assertEquals(
                "BertModel: token_type_ids holds 2, outside 0..1 (type_vocab_size = 2)",
                error(model, in));
        in.remove("token_type_ids");
        in.put("position_ids", new long[][] {{0, 64}});
        assertEquals(
                "BertModel: position_ids holds 64, outside 0..63 (max_position_embeddings = 64)",
                error(model, in));
    }

    @Test
    void aSoftPromptCountsTowardsTheLimit() throws IOException {
        Block model = HfModels.load(Fixtures.model("bert"), manager);
        TuningSpec.builder()
                .add(SoftPromptSpec.builder().softTokenNum(10).build())
                .build()
                .attach(model);
        run(model, Map.of("input_ids", new long[][] {ids(54)}));
        assertEquals(
                "BertModel: the input with its soft prompt has 65 tokens; it takes at most 64 "
                        + "(max_position_embeddings = 64)",
                error(model, Map.of("input_ids", new long[][] {ids(55)})));
    }

    private static long[] ids(int length) {
        return LongStream.range(0, length).map(i -> 3 + i % 90).toArray();
    }

    private static String ownerOf(Block model) {
        // Head models report for themselves or for the base model they run, as the caller sees it.
        String name = model.getClass().getSimpleName();
        return name.equals("BartForConditionalGeneration") ? "BartModel" : name;
    }

    private void run(Block model, Map<String, long[][]> inputs) {
        try (NDManager scratch = manager.newSubManager()) {
            NDList in = ModelInputs.of(scratch, inputs);
            model.forward(new ParameterStore(scratch, false), in, false);
        }
    }

    private String error(Block model, Map<String, long[][]> inputs) {
        return assertThrows(IllegalArgumentException.class, () -> run(model, inputs)).getMessage();
    }
}
