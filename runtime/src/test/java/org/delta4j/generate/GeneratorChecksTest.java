package org.delta4j.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad configurations and inputs get one line naming the field or input and what it must be. */
class GeneratorChecksTest {
    private static NDManager manager;
    private static Block gpt2;

    @BeforeAll
    static void load() throws IOException {
        manager = NDManager.newBaseManager();
        gpt2 = HfModels.load(Fixtures.model("gpt2_lm_head"), manager);
    }

    @AfterAll
    static void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private static String message(Executable call) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(!message.contains("\n"), "one line: " + message);
        return message;
    }

    private static GenerationConfig.Builder base() {
        return GenerationConfig.builder().maxNewTokens(4).eosTokenIds(98);
    }

    @Test
    void numReturnSequencesAboveNumBeams() {
        String m = message(() -> base().numBeams(2).numReturnSequences(3).build());
        assertEquals(
                "num_return_sequences (3) is above num_beams (2): beam search returns at most its"
                        + " num_beams best hypotheses; raise num_beams or lower num_return_sequences",
                m);
        assertTrue(message(() -> base().numReturnSequences(2).build()).contains("greedy search"));
    }

    @Test
    void beamSamplingIsUnsupported() {
        assertTrue(
                message(() -> base().doSample(true).numBeams(2).build())
                        .startsWith(
                                "do_sample with num_beams = 2 (HF's beam sampling) is not supported"));
    }

    @Test
    void samplingParameters() {
        assertTrue(
                message(() -> base().doSample(true).temperature(0).build())
                        .startsWith("temperature must be a positive number"));
        assertTrue(
                message(() -> base().doSample(true).topP(0).build())
                        .startsWith("top_p must lie in (0, 1]"));
        assertTrue(
                message(() -> base().doSample(true).topK(-1).build())
                        .startsWith("top_k must be at least 0"));
        assertTrue(
                message(() -> base().repetitionPenalty(0).build())
                        .startsWith("repetition_penalty must be a positive number"));
        assertTrue(
                message(() -> base().maxNewTokens(0).build())
                        .startsWith("max_new_tokens must be at least 1"));
    }

    @Test
    void eosOutsideTheVocabulary() {
        GenerationConfig config = base().eosTokenIds(98, 120).build();
        assertEquals(
                "eos_token_id = 120 is outside the model's vocabulary 0..98 (vocab_size = 99)",
                message(() -> Generator.of(gpt2, config)));
    }

    @Test
    void promptLongerThanThePositions() {
        Generator generator = Generator.of(gpt2, base().maxNewTokens(12).build());
        long[][] ids = {new long[60]};
        assertEquals(
                "GPT2LMHeadModel: the prompt (60 tokens) with its new tokens (max_length) has 72"
                        + " tokens; it takes at most 64 (n_positions = 64)",
                message(() -> generator.generate(ids, null)));
    }

    @Test
    void inputIdsOutsideTheVocabularyOrRagged() {
        Generator generator = Generator.of(gpt2, base().build());
        assertEquals(
                "input_ids[0][1] = 99 is outside the vocabulary 0..98 (vocab_size = 99)",
                message(() -> generator.generate(new long[][] {{1, 99}}, null)));
        assertTrue(
                message(() -> generator.generate(new long[][] {{1, 2}, {1}}, null))
                        .startsWith("input_ids rows must all be 2 long"));
        assertTrue(
                message(() -> generator.generate(new long[][] {{1, 2}}, new long[][] {{1, 2}}))
                        .startsWith("attention_mask row 0 holds 2"));
    }

    @Test
    void encoderOnlyModelsCannotGenerate() throws IOException {
        Block bert = HfModels.load(Fixtures.model("bert"), manager);
        assertTrue(
                message(() -> Generator.of(bert, base().build()))
                        .startsWith("BertModel cannot generate text"));
    }

    @Test
    void maxLengthWithoutRoomAfterThePrompt() {
        Generator generator =
                Generator.of(gpt2, GenerationConfig.builder().maxLength(5).eosTokenIds(98).build());
        assertTrue(
                message(() -> generator.generate(new long[][] {new long[6]}, null))
                        .startsWith(
                                "max_length (5) leaves no room for new tokens after 6 prompt tokens"));
    }
}
