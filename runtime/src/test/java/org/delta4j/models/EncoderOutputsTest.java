package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.stream.Stream;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.models.bart.TinyBart;
import org.delta4j.models.hf.HfModels;
import org.delta4j.models.t5.TinyT5;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code encoder_outputs} skips the encoder: given the encoder's states and mask, BART and T5
 * decode exactly as from the encoder's inputs; a mask that does not fit the states is refused.
 */
class EncoderOutputsTest {
    private static final long[][] IDS = {{5, 31, 12, 45, 7}, {9, 8, 9, 1, 0}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}};
    private static final long[][] DECODER_IDS = {{0, 31, 12}, {0, 8, 9}};

    static Stream<Arguments> models() {
        return Stream.of(
                arguments("BART", TinyBart.config("BartForConditionalGeneration")),
                arguments("T5", TinyT5.config("T5ForConditionalGeneration", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void givenEncoderOutputsDecodeAsTheEncodersInputs(String name, ModelConfig config) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(config, manager, 1);
            ParameterStore ps = new ParameterStore(manager, false);
            NDList full =
                    model.forward(
                            ps,
                            NamedInputs.named(
                                    List.of(
                                            manager.create(IDS),
                                            manager.create(MASK),
                                            manager.create(DECODER_IDS)),
                                    List.of("input_ids", "attention_mask", "decoder_input_ids")),
                            false);
            NDArray states = full.get("encoder_last_hidden_state");
            NDList skipped =
                    model.forward(
                            ps,
                            NamedInputs.named(
                                    List.of(
                                            states,
                                            manager.create(MASK),
                                            manager.create(DECODER_IDS)),
                                    List.of(
                                            EncoderOutputs.NAME,
                                            "attention_mask",
                                            "decoder_input_ids")),
                            false);
            assertArrayEquals(
                    full.get("logits").toFloatArray(), skipped.get("logits").toFloatArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aMaskThatDoesNotFitTheStatesIsRefused(String name, ModelConfig config) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(config, manager, 1);
            NDList in =
                    NamedInputs.named(
                            List.of(
                                    manager.zeros(new Shape(2, 7, 32)),
                                    manager.create(MASK),
                                    manager.create(DECODER_IDS)),
                            List.of(EncoderOutputs.NAME, "attention_mask", "decoder_input_ids"));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> model.forward(new ParameterStore(manager, false), in, false));
            assertTrue(
                    e.getMessage().contains("attention_mask must be the encoder's mask"),
                    e.getMessage());
        }
    }
}
