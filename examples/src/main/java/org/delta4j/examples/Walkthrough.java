package org.delta4j.examples;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.delta4j.Delta4j;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.delta.StateDict;
import org.delta4j.delta.Tuning;
import org.delta4j.generate.GenerationConfig;
import org.delta4j.generate.Generator;
import org.delta4j.io.Safetensors;
import org.delta4j.models.bart.BartConfig;
import org.delta4j.models.hf.HfModels;
import org.delta4j.train.Evaluation;
import org.delta4j.train.ProgressBar;
import org.delta4j.train.Trainer;
import org.delta4j.train.TrainingArguments;
import org.delta4j.train.data.Batch;
import org.delta4j.train.data.Batches;
import org.delta4j.train.optim.ScheduleType;
import org.delta4j.train.task.TaskLoss;
import org.delta4j.tree.ConsoleColours;
import org.delta4j.tree.StructureGraph;

/**
 * OpenDelta's "Basic Usage" in Java, end to end on a tiny BART that is built here (nothing is
 * downloaded): 1 load a pretrained backbone from a HuggingFace folder; 2 look at its structure and
 * attach the annotated spec {@link BartFfnAdapter}; 3 freeze all but the deltas and log the ratios;
 * 4 train the deltas with delta4j's trainer (AdamW as PyTorch's); 5 save the delta (kilobytes),
 * reload it into a fresh backbone and check the outputs are identical; 6 generate with the tuned
 * model (greedy decoding with a key/value cache).
 *
 * <p>By default the "pretrained" backbone is a tiny BART first trained fully to copy token
 * sequences; the deltas then learn a new task, shifting every token by one, with the backbone
 * frozen. {@code --model DIR} uses a real HF BART folder (config.json + model.safetensors) instead.
 *
 * <p>It prints only its own output: DJL's log is off unless it reports an error (see
 * simplelogger.properties), and the structure graph has colours only on a terminal. {@code
 * -Dorg.slf4j.simpleLogger.log.ai.djl=info} on the java command line, or {@code -Ddjl.log=info} on
 * {@code mvn -pl examples exec:exec}, brings DJL's log back.
 */
public final class Walkthrough {
    private static final String TINY_BART = TinyBart.CONFIG;
    private static final int FIRST_CONTENT_TOKEN = 3;
    private static final int LENGTH = 8;
    private static final int BATCH = 32;
    private static final int PRETRAIN_STEPS = 300;

    private final PrintStream out;
    private final WalkthroughOptions options;
    private final boolean ansi = ConsoleColours.enabled();

    private Walkthrough(PrintStream out, WalkthroughOptions options) {
        this.out = out;
        this.options = options;
    }

    /**
     * Runs the walkthrough.
     *
     * @param args {@code [--model DIR] [--steps N] [--out DIR]}; {@code --help} prints the usage
     * @throws Exception when a step fails
     */
    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the walkthrough.
     *
     * @param args the command line
     * @param out where the walkthrough prints
     * @param err where problems with the command line go
     * @return the exit status: 0, or 2 for a wrong command line
     * @throws IOException when a file cannot be written or read
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Delta4j.offline();
        WalkthroughOptions options = WalkthroughOptions.parse(args, err);
        if (options == null) {
            return 2;
        }
        new Walkthrough(out, options).run();
        return 0;
    }

    private void run() throws IOException {
        Path work = Files.createTempDirectory("delta4j-walkthrough");
        Path modelDir =
                options.model() != null
                        ? options.model()
                        : pretrainTinyBart(work.resolve("tiny-bart"));
        Path deltaDir = options.out() != null ? options.out() : work.resolve("bart-ffn-adapter");
        BartConfig config = BartConfig.read(modelDir.resolve("config.json"));
        int vocab = Math.min(config.vocabSize(), 200);
        SequenceTask task = SequenceTask.shift(FIRST_CONTENT_TOKEN, vocab, LENGTH);
        Batch probe = task.batch(new Random(7), BATCH);
        Batches probeSet = SequenceTask.only(probe);

        try (Model model = Model.newInstance("walkthrough")) {
            heading(1, "Load the pretrained backbone from " + modelDir);
            Block backbone = HfModels.load(modelDir, model.getNDManager());
            model.setBlock(backbone);

            heading(2, "Look at its structure, then attach the annotated spec BartFfnAdapter");
            out.print(StructureGraph.of(backbone, Set.of()).render(ansi));
            Tuning tuning = BartFfnAdapterDelta.attach(backbone);
            out.println(
                    "Attached: "
                            + tuning.deltas().get(0).layers().size()
                            + " adapters, on "
                            + tuning.deltas().get(0).modifiedModules());

            heading(3, "Freeze all but the deltas (done by the spec's @Freeze) and log");
            out.print(tuning.graph().render(ansi));
            out.println(tuning.statistics());

            heading(
                    4,
                    "Train the deltas on a new task ("
                            + task.name()
                            + " every token by one), backbone frozen, with delta4j's Trainer"
                            + " (AdamW as PyTorch's)");
            out.printf(
                    Locale.ROOT,
                    "accuracy before: %.1f%%%n",
                    100 * accuracy(backbone, probeSet, model.getNDManager()));
            train(backbone, task, options.steps(), 1e-2);
            out.printf(
                    Locale.ROOT,
                    "accuracy after:  %.1f%%%n",
                    100 * accuracy(backbone, probeSet, model.getNDManager()));

            heading(5, "Save the delta, reload it into a fresh backbone, compare outputs");
            DeltaCheckpoint.save(tuning, deltaDir);
            out.printf(
                    Locale.ROOT,
                    "saved %s: %d files, %.1f KB (the backbone's weights: %.1f KB)%n",
                    deltaDir,
                    count(deltaDir),
                    sizeOf(deltaDir) / 1024.0,
                    Files.size(modelDir.resolve("model.safetensors")) / 1024.0);
            NDList probeInputs =
                    TaskLoss.of(backbone)
                            .inputs(
                                    probe.modelInputs(model.getNDManager()),
                                    probe.labels(model.getNDManager()));
            NDArray before = ProbeOutputs.logits(backbone, probeInputs, model.getNDManager());
            try (NDManager fresh = NDManager.newBaseManager()) {
                Block reloaded = HfModels.load(modelDir, fresh);
                DeltaCheckpoint.load(deltaDir, reloaded);
                NDArray after =
                        ProbeOutputs.logits(reloaded, ProbeOutputs.copy(probeInputs, fresh), fresh);
                float diff =
                        before.toDevice(after.getDevice(), false)
                                .sub(after.toDevice(after.getDevice(), false))
                                .abs()
                                .max()
                                .getFloat();
                out.printf(
                        Locale.ROOT,
                        "reloaded: max |logits difference| = %s, %s%n",
                        diff,
                        diff == 0 ? "identical" : "NOT identical");
                if (diff != 0) {
                    throw new IllegalStateException("the reloaded delta gives different outputs");
                }
            }

            heading(
                    6,
                    "Use it: generate with the tuned backbone (greedy decoding, key/value cache)");
            generate(tuning, modelDir, probe);
        }
    }

    /**
     * Decodes the probe inputs greedily with the model's generation defaults and as many new tokens
     * as the inputs have, and compares the outputs with the task's targets.
     */
    private void generate(Tuning tuning, Path modelDir, Batch probe) throws IOException {
        GenerationConfig config =
                GenerationConfig.fromFolder(modelDir).toBuilder().maxNewTokens(LENGTH).build();
        long[][] sequences =
                Generator.of(tuning, config)
                        .generate(probe.inputIds(), probe.attentionMask())
                        .sequences();
        int exact = 0;
        for (int r = 0; r < sequences.length; r++) {
            // The decoder's sequence starts with its start id; the new tokens follow.
            long[] generated = Arrays.copyOfRange(sequences[r], 1, sequences[r].length);
            exact += Arrays.equals(generated, probe.tokenLabels()[r]) ? 1 : 0;
            if (r < 3) {
                out.println(
                        "in "
                                + Arrays.toString(probe.inputIds()[r])
                                + "  ->  out "
                                + Arrays.toString(generated));
            }
        }
        out.printf(
                Locale.ROOT,
                "%d of %d generated sequences are exactly the shifted inputs%n",
                exact,
                sequences.length);
    }

    /** The default backbone: a tiny BART trained fully to copy sequences, saved as an HF folder. */
    private Path pretrainTinyBart(Path dir) throws IOException {
        heading(
                0,
                "Pretrain a tiny BART (copy task) and save it as a HuggingFace folder, standing in for the hub");
        BartConfig config = BartConfig.fromJson(TINY_BART);
        try (Model model = Model.newInstance("pretrain")) {
            Block bart = HfModels.random(config, model.getNDManager(), 42);
            model.setBlock(bart);
            SequenceTask copy = SequenceTask.copy(FIRST_CONTENT_TOKEN, config.vocabSize(), LENGTH);
            train(bart, copy, PRETRAIN_STEPS, 3e-3);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), TINY_BART + "\n", StandardCharsets.UTF_8);
            Safetensors.write(
                    dir.resolve("model.safetensors"), StateDict.of(bart), Map.of("format", "pt"));
        }
        return dir;
    }

    /**
     * Trains what is trainable in {@code model} (every weight, or the deltas of a frozen backbone)
     * with the runtime's trainer: AdamW as PyTorch's, constant learning rate.
     */
    private void train(Block model, SequenceTask task, int steps, double lr) throws IOException {
        TrainingArguments arguments =
                TrainingArguments.builder()
                        .batchSize(BATCH)
                        .maxSteps(steps)
                        .learningRate(lr)
                        .lrSchedulerType(ScheduleType.CONSTANT)
                        .build();
        boolean terminal = System.console() != null;
        Trainer.builder(model, arguments)
                .train(task.batches(BATCH, 1))
                .listener(new ProgressBar(out, terminal, Math.max(1, steps / 10), System::nanoTime))
                .build()
                .train();
    }

    private static double accuracy(Block model, Batches probe, NDManager manager) {
        return Evaluation.evaluate(model, probe, manager).accuracy().value();
    }

    private void heading(int step, String text) {
        out.println();
        out.println((step == 0 ? "== " : "== Step " + step + ": ") + text);
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
