package org.delta4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.checkpoint.PeftAdapter;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.models.hf.HfModels;
import org.delta4j.testing.Arrays2;
import org.delta4j.train.data.Batch;
import org.delta4j.train.data.Batches;
import org.delta4j.train.task.TaskLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Trainer}'s loop around the fixture BERT classifier with LoRA: resume, evaluation with
 * the best values, the output written only at the end, epochs with a short accumulation group, the
 * metrics log, and memory that does not grow over steps.
 */
class TrainerTest {
    private static final String CASE =
            "bert_for_sequence_classification__lora_adamw_warmup_clip_tight";

    @TempDir Path tmp;

    @Test
    void aResumedRunGivesExactlyTheNumbersOfAnUninterruptedOne() throws Exception {
        List<StepMetrics> whole = new ArrayList<>();
        Map<String, float[]> wholeValues;
        try (NDManager m = NDManager.newBaseManager()) {
            TrainCase c = TrainCase.load(CASE, tmp, m);
            trainer(c, tmp.resolve("whole"), whole::add).train();
            wholeValues = Arrays2.snapshot(c.byFixtureName);
        }
        Path run = tmp.resolve("run");
        try (NDManager m = NDManager.newBaseManager()) {
            TrainCase c = TrainCase.load(CASE, tmp, m);
            Trainer crashing =
                    trainer(
                            c,
                            run,
                            s -> {
                                if (s.step() == 5) {
                                    throw new IllegalStateException("crash after step 5");
                                }
                            });
            assertThrows(IllegalStateException.class, crashing::train);
        }
        List<StepMetrics> resumed = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            TrainCase c = TrainCase.load(CASE, tmp, m);
            trainer(c, run, resumed::add).resume();
            assertEquals(whole.subList(4, 8), resumed);
            Map<String, float[]> values = Arrays2.snapshot(c.byFixtureName);
            wholeValues.forEach((k, v) -> assertArrayEquals(v, values.get(k), k));
        }
    }

    @Test
    void resumeRefusesTheFolderOfAnotherRunAndChangesNothing() throws Exception {
        Path run = tmp.resolve("run");
        try (NDManager m = NDManager.newBaseManager()) {
            TrainCase c = TrainCase.load(CASE, tmp, m);
            trainer(c, run, s -> {}).train();
            IllegalStateException again =
                    assertThrows(
                            IllegalStateException.class, () -> trainer(c, run, s -> {}).train());
            assertTrue(again.getMessage().contains("resume()"), again.getMessage());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            TrainCase c = TrainCase.load(CASE, tmp, m);
            Map<String, float[]> before = Arrays2.snapshot(c.byFixtureName);
            TrainingArguments other = c.arguments().toBuilder().learningRate(2e-3).build();
            Trainer trainer =
                    Trainer.builder(c.model, other)
                            .trainable(c.trainableInCaseOrder())
                            .train(c.trainBatches())
                            .runFolder(run)
                            .build();
            RunMismatchException e = assertThrows(RunMismatchException.class, trainer::resume);
            assertTrue(e.getMessage().contains(run.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("learning_rate"), e.getMessage());
            Map<String, float[]> after = Arrays2.snapshot(c.byFixtureName);
            before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));

            // When to evaluate and save is not part of what a run computes: a resume may change it.
            TrainingArguments reporting =
                    c.arguments().toBuilder().saveSteps(3).evalSteps(2).build();
            Trainer.builder(c.model, reporting)
                    .trainable(c.trainableInCaseOrder())
                    .train(c.trainBatches())
                    .runFolder(run)
                    .build()
                    .resume();

            Trainer empty =
                    Trainer.builder(c.model, c.arguments())
                            .train(c.trainBatches())
                            .runFolder(tmp.resolve("nothing"))
                            .build();
            IOException none = assertThrows(IOException.class, empty::resume);
            assertTrue(none.getMessage().contains("no run folder"), none.getMessage());
        }
    }

    @Test
    void evaluationKeepsTheBestValuesAndTheOutputIsWrittenAtTheEndOnly() throws Exception {
        Path output = tmp.resolve("out");
        Path log = tmp.resolve("metrics.jsonl");
        List<EvalMetrics> evals = new ArrayList<>();
        TrainingSummary summary;
        try (NDManager m = NDManager.newBaseManager();
                MetricsLog metrics = MetricsLog.create(log)) {
            TrainCase c = TrainCase.load(CASE, tmp, m);
            TrainingArguments args = c.arguments().toBuilder().maxSteps(4).evalSteps(1).build();
            summary =
                    Trainer.builder(c.model, args)
                            .train(c.batches(0, 4))
                            .eval(c.batches(4, 8))
                            .output(ModelSaver.deltaCheckpoint(c.tuning), output)
                            .runFolder(tmp.resolve("run"))
                            .listener(metrics)
                            .listener(
                                    new TrainingListener() {
                                        @Override
                                        public void onStep(StepMetrics s) {
                                            assertFalse(Files.exists(output), "written early");
                                        }

                                        @Override
                                        public void onEvaluation(EvalMetrics e) {
                                            evals.add(e);
                                        }
                                    })
                            .build()
                            .train();
            // The last evaluation saw the values the run ended with.
            Evaluation.Result last =
                    Evaluation.run(c.model, TaskLoss.of(c.model), c.batches(4, 8), m);
            assertEquals(last.loss(), evals.get(3).evalLoss());
            assertEquals(last.accuracy().value(), evals.get(3).evalAccuracy());
        }
        assertEquals(4, evals.size());
        EvalMetrics best =
                evals.stream().min((a, b) -> Double.compare(a.evalLoss(), b.evalLoss())).get();
        assertEquals(best.evalLoss(), summary.bestEvalLoss());
        assertEquals(best.step(), summary.bestStep());
        assertTrue(Files.exists(output.resolve(DeltaCheckpoint.WEIGHTS)));

        // The best folder holds the values of the best evaluation.
        try (NDManager m = NDManager.newBaseManager()) {
            TrainCase fresh = TrainCase.load(CASE, tmp, m);
            Block backbone =
                    HfModels.loadAs(fresh.modelDir, fresh.json.get("model_class").getAsString(), m);
            DeltaCheckpoint.load(output.resolve(RunFolder.BEST), backbone)
                    .freeze(FreezeSpec.builder().build());
            Evaluation.Result again =
                    Evaluation.run(backbone, TaskLoss.of(backbone), fresh.batches(4, 8), m);
            assertEquals(best.evalLoss(), again.loss(), 1e-6);
        }

        List<String> lines = Files.readAllLines(log);
        assertEquals(8, lines.size());
        JsonObject step = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        for (String key : List.of("step", "loss", "grad_norm", "learning_rate", "epoch")) {
            assertTrue(step.has(key), key + " in " + step);
        }
        assertEquals(1, step.get("step").getAsInt());
        JsonObject eval = JsonParser.parseString(lines.get(1)).getAsJsonObject();
        assertEquals(evals.get(0).evalLoss(), eval.get("eval_loss").getAsDouble());
        assertEquals(evals.get(0).evalAccuracy(), eval.get("eval_accuracy").getAsDouble());
    }

    @Test
    void aShortLastGroupStillStepsAndEpochsRepeatTheBatches() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainCase c = TrainCase.load(CASE, tmp, m);
            Batches three = c.batches(0, 3);
            List<String> read = new ArrayList<>();
            Batches recording =
                    new Batches() {
                        @Override
                        public int perEpoch() {
                            return three.perEpoch();
                        }

                        @Override
                        public Batch get(int epoch, int index) {
                            read.add(epoch + ":" + index);
                            return three.get(epoch, index);
                        }
                    };
            TrainingArguments args =
                    c.arguments().toBuilder()
                            .maxSteps(-1)
                            .numTrainEpochs(2)
                            .gradientAccumulationSteps(2)
                            .build();
            assertEquals(4, args.totalSteps(3));
            List<Double> epochs = new ArrayList<>();
            Trainer.builder(c.model, args)
                    .train(recording)
                    .listener(
                            new TrainingListener() {
                                @Override
                                public void onStep(StepMetrics s) {
                                    epochs.add(s.epoch());
                                }
                            })
                    .build()
                    .train();
            assertEquals(List.of("0:0", "0:1", "0:2", "1:0", "1:1", "1:2"), read);
            assertEquals(List.of(2 / 3.0, 1.0, 1 + 2 / 3.0, 2.0), epochs);
        }
    }

    @Test
    void stepsLeaveNoArraysBehind() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainCase c = TrainCase.load(CASE, tmp, m);
            List<Integer> live = new ArrayList<>();
            Trainer.builder(c.model, c.arguments())
                    .train(c.trainBatches())
                    .listener(
                            new TrainingListener() {
                                @Override
                                public void onStep(StepMetrics s) {
                                    live.add(m.getManagedArrays().size());
                                }
                            })
                    .build()
                    .train();
            // The optimizer's state appears at the first step; after that nothing accumulates.
            assertEquals(8, live.size());
            assertEquals(1, live.stream().distinct().count(), live.toString());
        }
    }

    @Test
    void fullFineTuningWritesAnHfFolderWithTheTiedHeadTrained() throws Exception {
        Path output = tmp.resolve("hf");
        try (NDManager m = NDManager.newBaseManager()) {
            TrainCase c = TrainCase.load("gpt2_lm_head__full_adamw", tmp, m);
            oneStep(c, ModelSaver.hfFolder(c.model, c.modelDir), output);
            Map<String, NDArray> saved = Safetensors.read(output.resolve("model.safetensors"), m);
            NDArray wte = c.byFixtureName.get("transformer.wte.weight").getArray();
            assertTrue(saved.get("transformer.wte.weight").contentEquals(wte));
            assertTrue(saved.get("lm_head.weight").contentEquals(wte));
            assertTrue(Files.exists(output.resolve("config.json")));
        }
    }

    @Test
    void loraWritesAPeftAdapterOfTheTrainedValues() throws Exception {
        Path output = tmp.resolve("adapter");
        try (NDManager m = NDManager.newBaseManager()) {
            TrainCase c = TrainCase.load("gpt2_lm_head__lora_adamw", tmp, m);
            oneStep(c, ModelSaver.peftAdapter(c.tuning, null), output);
            Map<String, NDArray> saved = Safetensors.read(output.resolve(PeftAdapter.WEIGHTS), m);
            String module = "base_model.model.transformer.h.1.attn.c_attn.";
            assertTrue(
                    saved.get(module + "lora_B.weight")
                            .contentEquals(
                                    c.byFixtureName
                                            .get(module + "lora_B.default.weight")
                                            .getArray()));
            assertTrue(Files.exists(output.resolve(PeftAdapter.CONFIG)));
        }
    }

    /**
     * A crash after a new best was written but before the state recorded it leaves a best folder
     * the state does not know: the resumed run drops it and ends with the uninterrupted run's best.
     */
    @Test
    void aCrashBetweenTheBestAndTheStateLeavesTheRecordedBest() throws Exception {
        Path whole = tmp.resolve("whole");
        try (NDManager m = NDManager.newBaseManager()) {
            evaluating(TrainCase.load(CASE, tmp, m), whole, tmp.resolve("whole.run"), -1).train();
        }
        Path run = tmp.resolve("crash.run");
        Path output = tmp.resolve("crash");
        try (NDManager m = NDManager.newBaseManager()) {
            Trainer crashing = evaluating(TrainCase.load(CASE, tmp, m), output, run, 3);
            assertThrows(IllegalStateException.class, crashing::train);
        }
        // The state (saved after step 2) records the best of steps 1-2; its folder is intact beside
        // step 3's, which the state does not know.
        RunFolder folder = new RunFolder(run);
        assertTrue(Files.isDirectory(folder.best(3)), "step 3's best was written");
        assertTrue(
                Files.isDirectory(folder.best(1)) || Files.isDirectory(folder.best(2)),
                "the recorded best is still there");
        try (NDManager m = NDManager.newBaseManager()) {
            evaluating(TrainCase.load(CASE, tmp, m), output, run, -1).resume();
        }
        assertArrayEquals(
                Files.readAllBytes(whole.resolve(RunFolder.BEST).resolve(DeltaCheckpoint.WEIGHTS)),
                Files.readAllBytes(
                        output.resolve(RunFolder.BEST).resolve(DeltaCheckpoint.WEIGHTS)));
        try (var left = Files.list(run)) {
            assertEquals(
                    1,
                    left.filter(p -> p.getFileName().toString().startsWith(RunFolder.BEST)).count(),
                    "only the recorded best folder is kept");
        }
    }

    /** 4 steps, an evaluation after each, the state saved every 2; throws after crashAt's eval. */
    private static Trainer evaluating(TrainCase c, Path output, Path run, int crashAt) {
        TrainingArguments args =
                c.arguments().toBuilder().maxSteps(4).evalSteps(1).saveSteps(2).build();
        return Trainer.builder(c.model, args)
                .train(c.batches(0, 4))
                .eval(c.batches(4, 8))
                .output(ModelSaver.deltaCheckpoint(c.tuning), output)
                .runFolder(run)
                .listener(
                        new TrainingListener() {
                            @Override
                            public void onEvaluation(EvalMetrics e) {
                                if (e.step() == crashAt) {
                                    throw new IllegalStateException("crash after eval " + crashAt);
                                }
                            }
                        })
                .build();
    }

    private void oneStep(TrainCase c, ModelSaver saver, Path output) throws IOException {
        Trainer.builder(c.model, c.arguments().toBuilder().maxSteps(1).build())
                .train(c.trainBatches())
                .output(saver, output)
                .runFolder(tmp.resolve(c.name + "-run"))
                .build()
                .train();
    }

    private static Trainer trainer(TrainCase c, Path run, StepListener listener) {
        return Trainer.builder(c.model, c.arguments().toBuilder().saveSteps(4).build())
                .trainable(c.trainableInCaseOrder())
                .train(c.trainBatches())
                .runFolder(run)
                .listener(
                        new TrainingListener() {
                            @Override
                            public void onStep(StepMetrics s) {
                                listener.onStep(s);
                            }
                        })
                .build();
    }

    /** A step listener as a lambda. */
    private interface StepListener {
        void onStep(StepMetrics s);
    }
}
