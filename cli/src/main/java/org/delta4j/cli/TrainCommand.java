package org.delta4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.delta4j.io.Sha256;
import org.delta4j.train.MetricsLog;
import org.delta4j.train.ProgressBar;
import org.delta4j.train.Trainer;
import org.delta4j.train.TrainingArguments;
import org.delta4j.train.TrainingSummary;
import org.delta4j.train.data.Batcher;
import org.delta4j.train.data.Batches;
import org.delta4j.train.data.PadId;
import org.delta4j.train.data.RowRules;
import org.delta4j.train.data.TrainingRows;
import org.delta4j.train.task.Task;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code delta4j train MODEL_DIR --data FILE --output OUT_DIR (--adapter DIR | --spec FILE |
 * --full)}: trains a model folder's deltas (or the whole model) on a JSONL file with the runtime's
 * {@link Trainer}, as HF's {@code Trainer} with PyTorch's optimizers would.
 */
@Command(
        name = "train",
        sortOptions = false,
        description =
                "Train deltas (or the whole model) on a JSONL file, step for step as HF's Trainer with PyTorch's "
                        + "AdamW. The task comes from the model class (config.json's architectures): sequence "
                        + "classification, causal LM or seq2seq LM. The last values go to OUT_DIR, the best by eval "
                        + "loss to OUT_DIR/best; the run state (for --resume) to the run folder.")
final class TrainCommand implements Callable<Integer> {
    /** The run folder's suffix next to the output folder when {@code --run-dir} is not given. */
    static final String RUN_SUFFIX = ".run";

    @Spec private CommandSpec spec;

    @Parameters(
            paramLabel = "MODEL_DIR",
            description =
                    "The HuggingFace model folder to train (config.json, weights, tokenizer).")
    private Path model;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "FILE",
            description =
                    "Training rows, JSONL: pre-tokenized (input_ids, attention_mask, token_type_ids, labels) or "
                            + "text (text + label; text; source + target) tokenized with MODEL_DIR/tokenizer.json.")
    private Path data;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT_DIR",
            description =
                    "Where the trained values go at the end; it must not exist yet (or be empty).")
    private Path output;

    @Option(names = "--eval", paramLabel = "FILE", description = "Evaluation rows, as --data.")
    private Path eval;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private TrainingStart start;

    @Mixin private TrainingOptions recipe;

    @Option(
            names = "--max-length",
            paramLabel = "N",
            description = "Truncate text rows to N tokens (default: the model's longest input).")
    private Integer maxLength;

    @Option(
            names = "--logging-steps",
            paramLabel = "N",
            description =
                    "Steps between progress lines when standard error is not a terminal (default 500).")
    private Integer loggingSteps;

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            description = "Where the run state is saved (default: OUT_DIR" + RUN_SUFFIX + ").")
    private Path runDir;

    @Option(
            names = "--resume",
            paramLabel = "DIR",
            description =
                    "Continue the run whose state is in this run folder, with the same model, data and options.")
    private Path resume;

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description =
                    "Write one JSON object per optimizer step (step, loss, grad_norm, learning_rate, epoch) and "
                            + "per evaluation (eval_loss, eval_accuracy); appended to when resuming.")
    private Path log;

    @Override
    public Integer call() throws IOException {
        ModelFolder folder = ModelFolder.of(model, false);
        Path runFolder = runFolder();
        OutputPaths.requireNotInput("-o/--output", output, inputs());
        OutputFolder.requireNew(output);
        TrainingArguments arguments = arguments();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = folder.load(manager).model();
            RowRules rules = RowRules.of(net);
            long padId = PadId.resolve(model);
            Batches train = batches(read(data, rules), arguments, padId, arguments.shuffle());
            Batches evalSet =
                    eval == null ? null : batches(read(eval, rules), arguments, padId, false);
            TrainingStart.Prepared prepared = start.prepare(net, model);
            Trainer.Builder builder =
                    Trainer.builder(net, arguments)
                            .train(train)
                            .eval(evalSet)
                            .output(prepared.saver(), output)
                            .runFolder(runFolder)
                            .identity("train_data_sha256", Sha256.ofFile(data))
                            .listener(ProgressBar.onStandardError(arguments.loggingSteps()));
            if (eval != null) {
                builder.identity("eval_data_sha256", Sha256.ofFile(eval));
            }
            try (MetricsLog metrics = metricsLog()) {
                if (metrics != null) {
                    builder.listener(metrics);
                }
                Trainer trainer = builder.build();
                PrintWriter out = spec.commandLine().getOut();
                out.printf(
                        Locale.ROOT,
                        "Training %s of %s for %s: %d parameters, %d batches per epoch%n",
                        prepared.description(),
                        model,
                        Task.of(net).description(),
                        trainer.trainable().values().stream()
                                .mapToLong(p -> p.getArray().size())
                                .sum(),
                        train.perEpoch());
                out.flush();
                TrainingSummary summary = resume != null ? trainer.resume() : trainer.train();
                report(out, summary, runFolder);
            }
        }
        return 0;
    }

    private OutputPaths.Input[] inputs() {
        List<OutputPaths.Input> all = new ArrayList<>(List.of(start.inputs()));
        all.add(OutputPaths.Input.folder("model folder", model));
        all.add(OutputPaths.Input.file("training data", data));
        if (eval != null) {
            all.add(OutputPaths.Input.file("eval data", eval));
        }
        return all.toArray(OutputPaths.Input[]::new);
    }

    private Path runFolder() throws IOException {
        if (resume != null) {
            if (runDir != null && !runDir.equals(resume)) {
                throw new IOException(
                        "--resume "
                                + resume
                                + " and --run-dir "
                                + runDir
                                + " name two run folders; a resumed run keeps its folder, give one");
            }
            if (!Files.isDirectory(resume)) {
                throw new IOException(
                        "--resume " + resume + " is not a run folder (it does not exist)");
            }
            return resume;
        }
        return runDir != null ? runDir : output.resolveSibling(output.getFileName() + RUN_SUFFIX);
    }

    private TrainingArguments arguments() {
        TrainingArguments arguments = recipe.arguments();
        return loggingSteps == null
                ? arguments
                : arguments.toBuilder().loggingSteps(loggingSteps).build();
    }

    private TrainingRows read(Path file, RowRules rules) throws IOException {
        return maxLength == null
                ? TrainingRows.read(file, rules, model)
                : TrainingRows.read(file, rules, model, maxLength);
    }

    private static Batches batches(
            TrainingRows rows, TrainingArguments arguments, long padId, boolean shuffle) {
        return shuffle
                ? Batcher.shuffled(rows, arguments.batchSize(), padId, arguments.seed())
                : Batcher.inOrder(rows, arguments.batchSize(), padId);
    }

    private MetricsLog metricsLog() throws IOException {
        if (log == null) {
            return null;
        }
        return resume != null ? MetricsLog.append(log) : MetricsLog.create(log);
    }

    private void report(PrintWriter out, TrainingSummary summary, Path runFolder) {
        out.printf(
                Locale.ROOT,
                "Trained %d steps; last loss %.6f%n",
                summary.steps(),
                summary.lastLoss());
        if (!Double.isNaN(summary.bestEvalLoss())) {
            out.printf(
                    Locale.ROOT,
                    "Best eval loss %.6f at step %d: %s%n",
                    summary.bestEvalLoss(),
                    summary.bestStep(),
                    output.resolve("best"));
        }
        out.println("Wrote " + output + "; run state in " + runFolder);
        out.flush();
    }
}
