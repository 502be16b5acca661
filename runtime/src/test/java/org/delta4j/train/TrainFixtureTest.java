package org.delta4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.delta4j.io.Safetensors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link Trainer} reproduces the fixtures' PyTorch 1.13 traces of {@code torch.optim.AdamW}
 * step by step: loss and grad norm within 1e-5 relative, the learning rate exactly, the final
 * values within 1e-5 (full fine-tuning 3e-5).
 */
class TrainFixtureTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bert_for_sequence_classification__lora_adamw",
                "bert_for_sequence_classification__lora_adamw_warmup_clip",
                "bert_for_sequence_classification__lora_adamw_warmup_clip_tight",
                "bert_for_sequence_classification__lora_adamw_accum2",
                "bert_for_sequence_classification__full_adamw",
                "gpt2_lm_head__lora_adamw",
                "gpt2_lm_head__lora_adamw_warmup_clip",
                "gpt2_lm_head__lora_adamw_warmup_clip_tight",
                "gpt2_lm_head__lora_adamw_accum2",
                "gpt2_lm_head__full_adamw"
            })
    void reproducesTheTrace(String name) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainCase c = TrainCase.load(name, tmp, manager);
            List<StepMetrics> steps = new ArrayList<>();
            Trainer trainer =
                    Trainer.builder(c.model, c.arguments())
                            .trainable(c.trainableInCaseOrder())
                            .train(c.trainBatches())
                            .listener(
                                    new TrainingListener() {
                                        @Override
                                        public void onStep(StepMetrics m) {
                                            steps.add(m);
                                        }
                                    })
                            .build();
            // What the trainer finds trainable by itself is what the case trains.
            assertEquals(
                    c.byFixtureName.size(), TrainableParameters.of(c.model).size(), "trainable");
            trainer.train();

            List<JsonObject> trace = c.trace();
            int accumulation = c.json.get("gradient_accumulation").getAsInt();
            assertEquals(trace.size() / accumulation, steps.size(), "optimizer steps");
            for (int s = 0; s < steps.size(); s++) {
                StepMetrics m = steps.get(s);
                JsonObject last = trace.get((s + 1) * accumulation - 1);
                double loss = 0;
                for (int b = s * accumulation; b < (s + 1) * accumulation; b++) {
                    loss += trace.get(b).get("loss").getAsFloat();
                }
                loss /= accumulation;
                String at = name + " step " + (s + 1);
                assertEquals(s + 1, m.step(), at);
                assertEquals(last.get("lr").getAsDouble(), m.learningRate(), 0.0, at + " lr");
                assertRelative(loss, m.loss(), at + " loss");
                assertRelative(last.get("grad_norm").getAsDouble(), m.gradNorm(), at + " norm");
            }

            float tolerance = name.endsWith("full_adamw") ? 3e-5f : 1e-5f;
            try (NDManager scratch = manager.newSubManager()) {
                Map<String, NDArray> expected =
                        Safetensors.read(c.dir.resolve("final.safetensors"), scratch);
                assertEquals(c.byFixtureName.keySet(), expected.keySet());
                expected.forEach(
                        (key, value) -> {
                            float diff =
                                    value.sub(c.byFixtureName.get(key).getArray())
                                            .abs()
                                            .max()
                                            .getFloat();
                            assertTrue(diff <= tolerance, name + " " + key + " differs by " + diff);
                        });
            }
        }
    }

    private static void assertRelative(double expected, double actual, String what) {
        double rel = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(
                rel <= 1e-5,
                what + ": expected " + expected + ", got " + actual + " (rel " + rel + ")");
    }
}
