package org.delta4j.examples;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.delta4j.Delta4j;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.delta.StateDict;
import org.delta4j.delta.Tuning;
import org.delta4j.io.Safetensors;
import org.delta4j.models.bart.BartConfig;
import org.delta4j.models.hf.HfModels;
import org.delta4j.train.ScopedStep;
import org.delta4j.tree.ConsoleColours;
import org.delta4j.tree.StructureGraph;

/**
 * OpenDelta's "Basic Usage" in Java, end to end on a tiny BART that is built here (nothing is
 * downloaded): 1 load a pretrained backbone from a HuggingFace folder; 2 look at its structure and
 * attach the annotated spec {@link BartFfnAdapter}; 3 freeze all but the deltas and log the ratios;
 * 4 train the deltas with DJL's trainer; 5 save the delta (kilobytes), reload it into a fresh
 * backbone and check the outputs are identical.
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
        SequenceTask task =
                SequenceTask.shift(
                        FIRST_CONTENT_TOKEN, vocab, LENGTH, config.decoderStartTokenId());
        NDList[] probe;

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
                            + " every token by one), backbone frozen");
            probe = task.batch(model.getNDManager(), new Random(7), BATCH);
            out.printf(
                    Locale.ROOT,
                    "accuracy before: %.1f%%%n",
                    100 * Evaluation.accuracy(backbone, probe, model.getNDManager()));
            train(model, tuning, task, options.steps(), 1e-2f, "tuning ");
            out.printf(
                    Locale.ROOT,
                    "accuracy after:  %.1f%%%n",
                    100 * Evaluation.accuracy(backbone, probe, model.getNDManager()));

            heading(5, "Save the delta, reload it into a fresh backbone, compare outputs");
            DeltaCheckpoint.save(tuning, deltaDir);
            out.printf(
                    Locale.ROOT,
                    "saved %s: %d files, %.1f KB (the backbone's weights: %.1f KB)%n",
                    deltaDir,
                    count(deltaDir),
                    sizeOf(deltaDir) / 1024.0,
                    Files.size(modelDir.resolve("model.safetensors")) / 1024.0);
            NDArray before = Evaluation.logits(backbone, probe[0], model.getNDManager());
            try (NDManager fresh = NDManager.newBaseManager()) {
                Block reloaded = HfModels.load(modelDir, fresh);
                DeltaCheckpoint.load(deltaDir, reloaded);
                NDArray after =
                        Evaluation.logits(reloaded, Evaluation.copy(probe[0], fresh), fresh);
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
        }
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
            SequenceTask copy =
                    SequenceTask.copy(
                            FIRST_CONTENT_TOKEN,
                            config.vocabSize(),
                            LENGTH,
                            config.decoderStartTokenId());
            train(model, null, copy, PRETRAIN_STEPS, 3e-3f, "pretrain");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), TINY_BART + "\n", StandardCharsets.UTF_8);
            Safetensors.write(
                    dir.resolve("model.safetensors"), StateDict.of(bart), Map.of("format", "pt"));
        }
        return dir;
    }

    private void train(
            Model model, Tuning tuning, SequenceTask task, int steps, float lr, String label) {
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(new TokenCrossEntropy())
                        .optOptimizer(
                                Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build());
        if (tuning != null) {
            config.addTrainingListeners(tuning.freezeGuard());
        }
        Random random = new Random(1);
        Progress progress = new Progress(out, label, steps);
        try (Trainer trainer = model.newTrainer(config)) {
            for (int step = 1; step <= steps; step++) {
                NDList[] batch = task.batch(trainer.getManager(), random, BATCH);
                progress.update(step, ScopedStep.run(trainer, batch[0], batch[1]));
            }
        }
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
