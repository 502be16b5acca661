package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.delta4j.models.bart.TinyBart;
import org.delta4j.models.bert.TinyBertFamily;
import org.delta4j.models.gpt2.TinyGpt2;
import org.delta4j.models.hf.HfModels;
import org.delta4j.models.llama.TinyLlamaFamily;
import org.delta4j.models.t5.TinyT5;
import org.delta4j.testing.EveryMethod;
import org.delta4j.train.ScopedStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward and backward passes allocate only in the manager of their inputs, never in the manager
 * that owns the model's weights: after any number of passes whose inputs live in a closed scope,
 * the model's manager holds exactly the arrays it held before (see CONTRIBUTING.md, "Memory: who
 * owns an array"). Every architecture, and every delta method, in inference and through DJL's
 * trainer.
 */
class ManagerLeakTest {
    private static final int PASSES = 3;

    static Stream<Arguments> deltas() {
        Stream<Arguments> onBart =
                EveryMethod.onBart()
                        .map(
                                spec ->
                                        arguments(
                                                spec.method() + " on BART",
                                                TinyBart.config("BartModel"),
                                                spec));
        Stream<Arguments> onGpt2 =
                Stream.of(
                                LoraSpec.builder().modules("c_attn").r(3).build(),
                                PrefixSpec.builder()
                                        .modules("attn")
                                        .prefixTokenNum(3)
                                        .embedDim(16)
                                        .midDim(8)
                                        .build(),
                                SoftPromptSpec.builder().softTokenNum(4).build())
                        .map(
                                spec ->
                                        arguments(
                                                spec.method() + " on GPT-2",
                                                TinyGpt2.config("GPT2Model", ""),
                                                spec));
        // A reparameterised prefix computes every layer's keys in the first layer: they must
        // outlive that layer's scope (LayerScope) in an encoder that frees layers one by one.
        Stream<Arguments> onBert =
                Stream.of(
                        arguments(
                                "reparameterised prefix on BERT",
                                TinyBertFamily.config("BertModel"),
                                PrefixSpec.builder()
                                        .prefixTokenNum(3)
                                        .embedDim(16)
                                        .midDim(8)
                                        .build()));
        return Stream.of(onBart, onGpt2, onBert, acrossLayers()).flatMap(s -> s);
    }

    /**
     * What a layer hands to later layers, where each layer runs in a scope of its own (LayerScope),
     * in inference and in training: a reparameterised prefix's keys, computed in the first layer
     * for all; a parallel adapter's output, from one layer to a later one; a soft prompt, which
     * lengthens every layer's inputs.
     */
    private static Stream<Arguments> acrossLayers() {
        PrefixSpec prefix = PrefixSpec.builder().prefixTokenNum(3).embedDim(16).midDim(8).build();
        DeltaSpec softPrompt = SoftPromptSpec.builder().softTokenNum(4).build();
        return Stream.of(
                arguments(
                        "parallel adapter from GPT-2's first block to its second",
                        TinyGpt2.config("GPT2Model", ""),
                        pair("h.0.mlp", "h.1.mlp")),
                arguments(
                        "parallel adapter from BART's first decoder layer to its second",
                        TinyBart.config("BartModel"),
                        pair("decoder.layers.0.fc1", "decoder.layers.1.fc2")),
                arguments("reparameterised prefix on T5", TinyT5.config("T5Model", ""), prefix),
                arguments(
                        "parallel adapter from T5's first decoder block to its second",
                        TinyT5.config("T5Model", ""),
                        pair("decoder.block.0.layer.2", "decoder.block.1.layer.1")),
                arguments("soft prompt on T5", TinyT5.config("T5Model", ""), softPrompt),
                arguments(
                        "reparameterised prefix on Llama",
                        TinyLlamaFamily.config("LlamaForCausalLM"),
                        prefix),
                arguments(
                        "parallel adapter from Mistral's first layer to its second",
                        TinyLlamaFamily.config("MistralForCausalLM"),
                        pair("layers.0.mlp", "layers.1.self_attn")),
                arguments(
                        "soft prompt on Qwen2",
                        TinyLlamaFamily.config("Qwen2ForCausalLM"),
                        softPrompt));
    }

    private static DeltaSpec pair(String first, String second) {
        return ParallelAdapterSpec.builder().modules(first, second).bottleneck(4).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.delta4j.models.TinyModels#architectures")
    void inferenceLeavesTheModelsManagerAsItWas(String name, ModelConfig config) {
        try (NDManager weights = NDManager.newBaseManager()) {
            Block model = HfModels.random(config, weights, 1);
            assertNoGrowthInInference(model, weights);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.delta4j.models.TinyModels#architectures")
    void trainingStepsLeaveTheModelsManagerAsItWas(String name, ModelConfig config) {
        assertNoGrowthInTraining(config, block -> null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deltas")
    void inferenceWithADeltaLeavesTheModelsManagerAsItWas(
            String name, ModelConfig config, DeltaSpec spec) {
        try (NDManager weights = NDManager.newBaseManager()) {
            Block model = HfModels.random(config, weights, 1);
            TuningSpec.builder().add(spec).build().attach(model);
            assertNoGrowthInInference(model, weights);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deltas")
    void trainingADeltaLeavesTheModelsManagerAsItWas(
            String name, ModelConfig config, DeltaSpec spec) {
        assertNoGrowthInTraining(
                config,
                block ->
                        TuningSpec.builder()
                                .add(spec)
                                .freeze(FreezeSpec.builder().build())
                                .build()
                                .attach(block));
    }

    /**
     * Counts the model manager's arrays before any pass and after {@link #PASSES} inference passes.
     */
    private static void assertNoGrowthInInference(Block model, NDManager weights) {
        int before = weights.getManagedArrays().size();
        try (NDManager requests = NDManager.newBaseManager()) {
            for (int i = 0; i < PASSES; i++) {
                try (NDManager request = requests.newSubManager()) {
                    NDList in = TinyModels.inputs(model, request);
                    NDList out = model.forward(new ParameterStore(request, false), in, false);
                    out.head().toFloatArray();
                }
            }
        }
        int growth = weights.getManagedArrays().size() - before;
        assertEquals(
                0,
                growth,
                "the model's manager gained "
                        + growth / (float) PASSES
                        + " arrays per inference pass");
    }

    /**
     * Counts the model manager's arrays (the trainer's manager under it included) after a first
     * step, which creates the optimiser's state, and after {@link #PASSES} more.
     */
    private static void assertNoGrowthInTraining(ModelConfig config, Function<Block, Tuning> tune) {
        try (Model model = Model.newInstance("leak")) {
            Block block = HfModels.random(config, model.getNDManager(), 1);
            model.setBlock(block);
            Tuning tuning = tune.apply(block);
            DefaultTrainingConfig training =
                    new DefaultTrainingConfig(new SquaredHead())
                            .optOptimizer(Optimizer.adam().build());
            if (tuning != null) {
                training.addTrainingListeners(tuning.freezeGuard());
            }
            try (Trainer trainer = model.newTrainer(training);
                    NDManager batches = NDManager.newBaseManager()) {
                ScopedStep.run(trainer, TinyModels.inputs(block, batches), new NDList());
                int afterFirst = model.getNDManager().getManagedArrays().size();
                for (int i = 0; i < PASSES; i++) {
                    ScopedStep.run(trainer, TinyModels.inputs(block, batches), new NDList());
                }
                int growth = model.getNDManager().getManagedArrays().size() - afterFirst;
                assertEquals(
                        0,
                        growth,
                        "the model's manager gained "
                                + growth / (float) PASSES
                                + " arrays per training step");
            }
        }
    }

    /** The mean square of the first output: a loss with no labels, from array operations only. */
    private static final class SquaredHead extends Loss {
        SquaredHead() {
            super("SquaredHead");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return predictions.head().square().mean();
        }
    }
}
