package org.delta4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delta4j.io.AtomicFolder;
import org.delta4j.nn.Functional;
import org.delta4j.nn.WeightEdit;
import org.delta4j.train.data.Batch;
import org.delta4j.train.data.Batches;
import org.delta4j.train.optim.Gradients;
import org.delta4j.train.optim.LrSchedule;
import org.delta4j.train.optim.Optimizer;
import org.delta4j.train.task.TaskLoss;

/**
 * Trains a model as HF's {@code Trainer} with PyTorch's optimizers: for each batch {@code loss =
 * model(batch).loss; (loss / accumulation).backward()}; after every {@code accumulation} batches
 * (or the last of an epoch) the gradient norm (clipped when {@code max_grad_norm > 0}), {@code
 * optimizer.step(lr of this step)}, gradients zeroed. Each step and each batch runs in a scope
 * closed at its end, so memory does not grow over steps.
 *
 * <p>With an eval set it evaluates every {@code eval_steps} steps and at the end, and keeps the
 * values with the lowest eval loss. With a {@link RunFolder} it saves the run state every {@code
 * save_steps} steps and at the end, and {@link #resume()} continues a run with exactly the numbers
 * of an uninterrupted one (the engine's random seed is set from the seed and the step before each
 * step, so dropout repeats too). At the end the last values go to the output folder and the best to
 * its {@value RunFolder#BEST} sub-folder, in one atomic write: nothing is written there before.
 *
 * <p>One trainer trains one model at a time, on the calling thread; it sets PyTorch's global random
 * seed.
 */
public final class Trainer {
    /**
     * Arguments that say when to evaluate and save, not what the run computes: a resume may change
     * them, as HF's allows.
     */
    private static final Set<String> WHEN_TO_REPORT = Set.of("eval_steps", "save_steps");

    private final Block model;
    private final TrainingArguments args;
    private final TaskLoss task;
    private final Map<String, Parameter> trainable;

    /** {@link #trainable}'s parameters, for the gradient operations of every step. */
    private final List<Parameter> parameters;

    private final Batches train;
    private final Batches eval;
    private final ModelSaver saver;
    private final Path output;
    private final RunFolder runFolder;

    /** What else identifies the run, from the caller (data digests). */
    private final Map<String, String> callerIdentity;

    private final List<TrainingListener> listeners;

    private Trainer(Builder b) {
        this.model = b.model;
        this.args = b.args;
        this.task = TaskLoss.of(b.model);
        this.trainable = b.trainable != null ? b.trainable : TrainableParameters.of(b.model);
        this.parameters = List.copyOf(trainable.values());
        this.train = b.train;
        this.eval = b.eval;
        this.saver = b.saver;
        this.output = b.output;
        this.runFolder = b.runFolder == null ? null : new RunFolder(b.runFolder);
        this.callerIdentity = Map.copyOf(b.identity);
        this.listeners = List.copyOf(b.listeners);
    }

    /**
     * @param model the model with a head ({@link org.delta4j.train.task.Task#of}), its deltas
     *     attached and backbone frozen as wanted
     * @param arguments how to train
     * @return a builder
     */
    public static Builder builder(Block model, TrainingArguments arguments) {
        return new Builder(model, arguments);
    }

    /**
     * @return the parameters being trained, by path
     */
    public Map<String, Parameter> trainable() {
        return trainable;
    }

    /**
     * Trains from the start.
     *
     * @return how the run ended
     * @throws IOException when saving the run state, the best or the last values fails
     * @throws IllegalStateException when the run folder holds a run's state already
     */
    public TrainingSummary train() throws IOException {
        if (runFolder != null && Files.exists(runFolder.dir().resolve(RunFolder.STATE))) {
            throw new IllegalStateException(
                    runFolder.dir()
                            + " holds the state of a run already: resume() it, or give a new "
                            + "run folder");
        }
        return run(false);
    }

    /**
     * Continues the run saved in the run folder, which this trainer's model, arguments, data and
     * trainable parameters must have written; the trainable values and optimizer state are read
     * from it.
     *
     * @return how the run ended
     * @throws IOException when the run folder has no state or its files are corrupt, or saving
     *     fails
     * @throws RunMismatchException when another run wrote the folder, naming what differs
     * @throws IllegalStateException when the trainer has no run folder
     */
    public TrainingSummary resume() throws IOException {
        if (runFolder == null) {
            throw new IllegalStateException(
                    "the trainer has no run folder to resume from; set Builder.runFolder");
        }
        return run(true);
    }

    private TrainingSummary run(boolean resume) throws IOException {
        int total = args.totalSteps(train.perEpoch());
        NDManager root = trainable.values().iterator().next().getArray().getManager();
        try (NDManager scope = root.newSubManager();
                Optimizer optimizer = Optimizer.create(args.optimizer(), trainable, scope)) {
            Progress progress = new Progress();
            JsonObject identity = runFolder == null ? null : identity();
            if (resume) {
                progress.restore(runFolder.read(identity, scope), optimizer, scope);
                runFolder.pruneBest(progress.bestStep);
            }
            LrSchedule schedule =
                    LrSchedule.of(
                            args.lrSchedulerType(),
                            args.optimizer().learningRate(),
                            args.warmupSteps(),
                            total);
            listeners.forEach(l -> l.onTrainingBegin(progress.position.step() + 1, total));
            while (progress.position.step() < total) {
                RunPosition at = progress.position;
                int count =
                        Math.min(args.gradientAccumulationSteps(), train.perEpoch() - at.batch());
                int step = at.step() + 1;
                double lr = schedule.lr(at.step());
                Engine.getInstance().setRandomSeed((int) (args.seed() + at.step()));
                StepResult result = step(optimizer, at.epoch(), at.batch(), count, lr, scope);
                progress.advance(count);
                progress.lastLoss = result.loss();
                StepMetrics metrics =
                        new StepMetrics(
                                step, result.loss(), result.gradNorm(), lr, epochs(progress));
                listeners.forEach(l -> l.onStep(metrics));
                boolean last = step == total;
                if (eval != null
                        && (last || args.evalSteps() > 0 && step % args.evalSteps() == 0)) {
                    evaluate(progress, scope);
                }
                if (runFolder != null
                        && (last || args.saveSteps() > 0 && step % args.saveSteps() == 0)) {
                    runFolder.save(identity, progress.saved(optimizer));
                    runFolder.pruneBest(progress.bestStep);
                }
            }
            if (output != null) {
                writeOutput(progress);
            }
            TrainingSummary summary =
                    new TrainingSummary(
                            progress.position.step(),
                            progress.lastLoss,
                            progress.bestLoss,
                            progress.bestStep);
            listeners.forEach(l -> l.onTrainingEnd(summary));
            return summary;
        }
    }

    /** The mean unscaled loss of a step's batches and the gradient norm before clipping. */
    private record StepResult(double loss, double gradNorm) {}

    /** One optimizer step over {@code count} batches. */
    private StepResult step(
            Optimizer optimizer, int epoch, int first, int count, double lr, NDManager root) {
        int accumulation = args.gradientAccumulationSteps();
        double lossSum = 0;
        double norm;
        try (NDManager scope = root.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            for (int i = first; i < first + count; i++) {
                Batch batch = train.get(epoch, i);
                try (NDManager batchScope = scope.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray labels = batch.labels(batchScope);
                    NDList outputs =
                            model.forward(
                                    ps, task.inputs(batch.modelInputs(batchScope), labels), true);
                    NDArray loss = task.loss(outputs, labels);
                    collector.backward(
                            accumulation == 1 ? loss : Functional.dividedBy(loss, accumulation));
                    lossSum += loss.getFloat();
                }
            }
            norm =
                    args.maxGradNorm() > 0
                            ? Gradients.clip(parameters, args.maxGradNorm())
                            : Gradients.globalNorm(parameters);
            optimizer.step(lr);
            Gradients.zero(parameters);
        }
        return new StepResult(lossSum / count, norm);
    }

    private void evaluate(Progress progress, NDManager scope) throws IOException {
        Evaluation.Result result = Evaluation.run(model, task, eval, scope);
        int step = progress.position.step();
        EvalMetrics metrics =
                new EvalMetrics(step, result.loss(), result.accuracy().value(), epochs(progress));
        if (Double.isNaN(progress.bestLoss) || result.loss() < progress.bestLoss) {
            if (saver != null && runFolder != null) {
                saver.save(runFolder.best(step));
            }
            progress.bestLoss = result.loss();
            progress.bestStep = step;
        }
        listeners.forEach(l -> l.onEvaluation(metrics));
    }

    private void writeOutput(Progress progress) throws IOException {
        AtomicFolder.write(
                output,
                tmp -> {
                    saver.save(tmp);
                    Path best = runFolder.best(progress.bestStep);
                    if (!Double.isNaN(progress.bestLoss) && Files.isDirectory(best)) {
                        copyFiles(best, tmp.resolve(RunFolder.BEST));
                    }
                });
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private double epochs(Progress progress) {
        return progress.position.epoch() + (double) progress.position.batch() / train.perEpoch();
    }

    /** What identifies this run: the recipe, the data, the model and what it trains. */
    private JsonObject identity() {
        JsonObject id = new JsonObject();
        JsonObject arguments = new JsonObject();
        args.asMap()
                .forEach(
                        (k, v) -> {
                            if (WHEN_TO_REPORT.contains(k)) {
                                return;
                            }
                            if (v instanceof Number n) {
                                arguments.addProperty(k, n);
                            } else if (v instanceof Boolean b) {
                                arguments.addProperty(k, b);
                            } else {
                                arguments.addProperty(k, String.valueOf(v));
                            }
                        });
        id.add("arguments", arguments);
        id.addProperty("model", model.getClass().getName());
        JsonObject shapes = new JsonObject();
        trainable.forEach(
                (path, p) -> shapes.addProperty(path, p.getArray().getShape().toString()));
        id.add("trainable", shapes);
        id.addProperty("train_batches_per_epoch", train.perEpoch());
        id.addProperty("eval_batches", eval == null ? 0 : eval.perEpoch());
        callerIdentity.forEach(id::addProperty);
        return id;
    }

    /** The run's mutable position and best eval loss. */
    private final class Progress {
        RunPosition position = RunPosition.START;
        double lastLoss = Double.NaN;
        double bestLoss = Double.NaN;
        int bestStep;

        void advance(int batches) {
            int next = position.batch() + batches;
            position =
                    next == train.perEpoch()
                            ? new RunPosition(position.step() + 1, position.epoch() + 1, 0)
                            : new RunPosition(position.step() + 1, position.epoch(), next);
        }

        RunFolder.Saved saved(Optimizer optimizer) {
            Map<String, NDArray> values = new LinkedHashMap<>();
            trainable.forEach((path, p) -> values.put(path, p.getArray()));
            return new RunFolder.Saved(position, bestLoss, bestStep, values, optimizer.state());
        }

        void restore(RunFolder.Saved saved, Optimizer optimizer, NDManager manager) {
            for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
                NDArray value = saved.values().get(e.getKey());
                if (value == null || !value.getShape().equals(e.getValue().getArray().getShape())) {
                    throw new RunMismatchException(
                            runFolder.dir()
                                    + " has no value of shape "
                                    + e.getValue().getArray().getShape()
                                    + " for the trainable parameter "
                                    + e.getKey());
                }
            }
            try (WeightEdit edit = WeightEdit.begin(manager)) {
                trainable.forEach((path, p) -> edit.write(p, saved.values().get(path)));
                optimizer.loadState(saved.optimizerState());
                edit.commit();
            }
            position = saved.position();
            bestLoss = saved.bestEvalLoss();
            bestStep = saved.bestStep();
        }
    }

    /** Builds a {@link Trainer}: the training batches are required, everything else optional. */
    public static final class Builder {
        private final Block model;
        private final TrainingArguments args;
        private Map<String, Parameter> trainable;
        private Batches train;
        private Batches eval;
        private ModelSaver saver;
        private Path output;
        private Path runFolder;
        private final Map<String, String> identity = new LinkedHashMap<>();
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(Block model, TrainingArguments args) {
            if (model == null || args == null) {
                throw new IllegalArgumentException("a trainer needs a model and arguments");
            }
            this.model = model;
            this.args = args;
        }

        /**
         * @param parameters the parameters to train by path, each once (default: {@link
         *     TrainableParameters#of} the model)
         * @return this builder
         */
        public Builder trainable(Map<String, Parameter> parameters) {
            this.trainable = new LinkedHashMap<>(parameters);
            return this;
        }

        /**
         * @param batches the training batches
         * @return this builder
         */
        public Builder train(Batches batches) {
            this.train = batches;
            return this;
        }

        /**
         * @param batches the eval set (its epoch 0 is read at each evaluation), or null for none
         * @return this builder
         */
        public Builder eval(Batches batches) {
            this.eval = batches;
            return this;
        }

        /**
         * @param saver writes the trained values (last and best)
         * @param output the folder that receives the last values at the end, and the best in its
         *     {@value RunFolder#BEST} sub-folder
         * @return this builder
         */
        public Builder output(ModelSaver saver, Path output) {
            this.saver = saver;
            this.output = output;
            return this;
        }

        /**
         * @param dir where the run state and the best values are saved as the run goes, and from
         *     which {@link Trainer#resume()} continues
         * @return this builder
         */
        public Builder runFolder(Path dir) {
            this.runFolder = dir;
            return this;
        }

        /**
         * @param key what else identifies the run, such as {@code train_data_sha256}
         * @param value its value; a resume with another value is refused
         * @return this builder
         */
        public Builder identity(String key, String value) {
            this.identity.put(key, value);
            return this;
        }

        /**
         * @param listener hears every step and evaluation, in the order added
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            this.listeners.add(listener);
            return this;
        }

        /**
         * @return the trainer
         * @throws IllegalArgumentException when the training batches are missing, nothing is
         *     trainable, the model has no head, or an output is given without a saver or run folder
         */
        public Trainer build() {
            if (train == null) {
                throw new IllegalArgumentException(
                        "a trainer needs training batches (Builder.train)");
            }
            if (output != null && (saver == null || runFolder == null)) {
                throw new IllegalArgumentException(
                        "an output folder needs a saver and a run folder (where the best values "
                                + "wait until the end)");
            }
            if (trainable != null && trainable.isEmpty()) {
                throw new IllegalArgumentException("the trainable parameters are empty");
            }
            return new Trainer(this);
        }
    }
}
