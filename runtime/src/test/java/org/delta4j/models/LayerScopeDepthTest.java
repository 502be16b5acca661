package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.delta4j.models.bart.TinyBart;
import org.delta4j.models.gpt2.TinyGpt2;
import org.delta4j.models.hf.HfModels;
import org.delta4j.models.llama.TinyLlamaFamily;
import org.delta4j.models.t5.TinyT5;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each layer's intermediates are freed when the layer returns (nn.LayerScope), so the arrays a pass
 * leaves in its manager do not grow with the number of layers; what layers share (masks, T5's
 * position bias) stays with the pass. In training too: autograd keeps what backward reads, and
 * every weight of the deeper model still gets its gradient.
 */
class LayerScopeDepthTest {
    private static final int SHALLOW = 2;
    private static final int DEEP = 4;

    static Stream<Arguments> architectures() {
        String v11 = ", \"feed_forward_proj\": \"gated-gelu\", \"tie_word_embeddings\": false";
        return Stream.of(
                arguments(
                        "GPT2LMHeadModel", layers(n -> TinyGpt2.config("GPT2LMHeadModel", n, ""))),
                arguments("BartModel", layers(n -> TinyBart.config("BartModel", n))),
                arguments(
                        "BartForConditionalGeneration",
                        layers(n -> TinyBart.config("BartForConditionalGeneration", n))),
                arguments("T5Model", layers(n -> TinyT5.config("T5Model", n, ""))),
                arguments(
                        "T5ForConditionalGeneration v1.1",
                        layers(n -> TinyT5.config("T5ForConditionalGeneration", n, v11))),
                arguments(
                        "LlamaForCausalLM",
                        layers(n -> TinyLlamaFamily.config("LlamaForCausalLM", n))),
                arguments(
                        "MistralForCausalLM",
                        layers(n -> TinyLlamaFamily.config("MistralForCausalLM", n))),
                arguments(
                        "Qwen2ForCausalLM",
                        layers(n -> TinyLlamaFamily.config("Qwen2ForCausalLM", n))));
    }

    /** Keeps the lambda's type for the argument list. */
    private static IntFunction<ModelConfig> layers(IntFunction<ModelConfig> config) {
        return config;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void anEvalPassLeavesAsManyArraysWhateverTheDepth(
            String name, IntFunction<ModelConfig> config) {
        assertDepthIndependent(config, false, "an eval pass");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void aTrainingPassLeavesAsManyArraysWhateverTheDepthAndBackPropagatesToEveryWeight(
            String name, IntFunction<ModelConfig> config) {
        assertDepthIndependent(config, true, "a training pass and its backward");
    }

    private static void assertDepthIndependent(
            IntFunction<ModelConfig> config, boolean training, String what) {
        int shallow = arraysLeft(config.apply(SHALLOW), training);
        int deep = arraysLeft(config.apply(DEEP), training);
        assertEquals(
                shallow,
                deep,
                "arrays left in the pass's manager by "
                        + what
                        + ", "
                        + SHALLOW
                        + " vs "
                        + DEEP
                        + " layers");
    }

    /**
     * The arrays one forward pass leaves in its manager, its inputs included; a training pass is
     * back-propagated, and every matrix of the model must get a gradient.
     */
    private static int arraysLeft(ModelConfig config, boolean training) {
        try (NDManager weights = NDManager.newBaseManager()) {
            Block model = HfModels.random(config, weights, 1);
            try (NDManager pass = weights.newSubManager()) {
                NDList in = TinyModels.inputs(model, pass);
                if (training) {
                    ModelChecks.backward(model, pass, in);
                    ModelChecks.assertGradients(model, matrices(model));
                } else {
                    model.forward(new ParameterStore(pass, false), in, false).head().toFloatArray();
                }
                return pass.getManagedArrays().size();
            }
        }
    }

    /** The paths of a model's two-dimensional trainable parameters. */
    private static List<String> matrices(Block model) {
        return ModuleTree.of(model).parameters().entrySet().stream()
                .filter(e -> e.getValue().requiresGradient())
                .filter(e -> e.getValue().getArray().getShape().dimension() == 2)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }
}
