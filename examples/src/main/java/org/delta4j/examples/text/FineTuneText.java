package org.delta4j.examples.text;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.delta4j.Delta4j;
import org.delta4j.checkpoint.PeftAdapter;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.hf.HfModels;
import org.delta4j.train.Evaluation;
import org.delta4j.train.ModelSaver;
import org.delta4j.train.ProgressBar;
import org.delta4j.train.Trainer;
import org.delta4j.train.TrainingArguments;
import org.delta4j.train.TrainingSummary;
import org.delta4j.train.data.Batcher;
import org.delta4j.train.data.Batches;
import org.delta4j.train.data.PadId;
import org.delta4j.train.data.RowRules;
import org.delta4j.train.data.TrainingRows;

/**
 * Fine-tunes a sequence classifier on text JSONL with its folder's tokenizer, as PEFT + HF's
 * Trainer would: LoRA (r 8) on {@code query} and {@code value} with the {@code classifier} trained
 * beside it (PEFT's {@code modules_to_save}), AdamW with linear warmup, an evaluation every 20
 * steps, the last and the best values saved as PEFT adapters; then reloads the adapter into a fresh
 * model and checks it scores the same.
 *
 * <p>{@code FineTuneText MODEL_DIR TRAIN_JSONL EVAL_JSONL OUT_DIR} runs on a real {@code
 * BertForSequenceClassification} folder and rows {@code {"text": ..., "label": ...}}; without
 * arguments it makes a tiny BERT and toy film reviews first (nothing is downloaded).
 */
public final class FineTuneText {
    /** Texts are truncated to this many tokens, or to what the model takes when that is less. */
    private static final int MAX_LENGTH = 128;

    private FineTuneText() {}

    /**
     * Runs the example.
     *
     * @param args nothing, or {@code MODEL_DIR TRAIN_JSONL EVAL_JSONL OUT_DIR}
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Delta4j.offline();
        if (args.length != 0 && args.length != 4) {
            System.err.println("usage: FineTuneText [MODEL_DIR TRAIN_JSONL EVAL_JSONL OUT_DIR]");
            System.exit(2);
        }
        Path[] paths = args.length == 4 ? paths(args) : toyReviews();
        run(paths[0], paths[1], paths[2], paths[3], System.out);
    }

    /**
     * @return the eval accuracy of the reloaded adapter
     */
    static double run(Path modelDir, Path trainFile, Path evalFile, Path out, PrintStream log)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.load(modelDir, manager);
            Tuning tuning =
                    TuningSpec.builder()
                            .add(LoraSpec.builder().modules("query", "value").r(8).build())
                            .modulesToSave("classifier")
                            .freeze(FreezeSpec.builder().build())
                            .build()
                            .attach(model);
            log.println(tuning.statistics());

            RowRules rules = RowRules.of(model);
            int pad = PadId.resolve(modelDir);
            int maxLength = (int) Math.min(MAX_LENGTH, rules.maxTokens());
            TrainingRows train = TrainingRows.read(trainFile, rules, modelDir, maxLength);
            Batches eval =
                    Batcher.inOrder(
                            TrainingRows.read(evalFile, rules, modelDir, maxLength), 64, pad);
            TrainingArguments arguments =
                    TrainingArguments.builder()
                            .batchSize(16)
                            .numTrainEpochs(4)
                            .learningRate(1e-2)
                            .weightDecay(0.01)
                            .warmupSteps(10)
                            .evalSteps(20)
                            .build();
            log.printf(
                    Locale.ROOT,
                    "%d training rows, eval accuracy before: %.1f%%%n",
                    train.size(),
                    100 * Evaluation.evaluate(model, eval, manager).accuracy().value());
            TrainingSummary summary =
                    Trainer.builder(model, arguments)
                            .train(
                                    Batcher.shuffled(
                                            train, arguments.batchSize(), pad, arguments.seed()))
                            .eval(eval)
                            .output(ModelSaver.peftAdapter(tuning, modelDir.toString()), out)
                            .runFolder(out.resolveSibling(out.getFileName() + ".run"))
                            .listener(new ProgressBar(log, false, 20, System::nanoTime))
                            .build()
                            .train();
            log.printf(
                    Locale.ROOT,
                    "trained %d steps; best eval loss %.4f at step %d%n",
                    summary.steps(),
                    summary.bestEvalLoss(),
                    summary.bestStep());

            try (NDManager fresh = NDManager.newBaseManager()) {
                Block reloaded = HfModels.load(modelDir, fresh);
                PeftAdapter.load(out, reloaded);
                double accuracy = Evaluation.evaluate(reloaded, eval, fresh).accuracy().value();
                log.printf(
                        Locale.ROOT,
                        "the PEFT adapter in %s, reloaded into a fresh model: eval accuracy %.1f%%%n",
                        out,
                        100 * accuracy);
                return accuracy;
            }
        }
    }

    private static Path[] paths(String[] args) {
        return new Path[] {Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3])};
    }

    private static Path[] toyReviews() throws IOException {
        Path work = Files.createTempDirectory("delta4j-finetune");
        return new Path[] {
            ToyReviews.model(work.resolve("tiny-bert")),
            ToyReviews.reviews(work.resolve("train.jsonl"), 400, 1),
            ToyReviews.reviews(work.resolve("eval.jsonl"), 100, 2),
            work.resolve("adapter")
        };
    }
}
