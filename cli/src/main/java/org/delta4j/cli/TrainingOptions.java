package org.delta4j.cli;

import org.delta4j.train.TrainingArguments;
import org.delta4j.train.optim.OptimizerType;
import org.delta4j.train.optim.ScheduleType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The recipe options of {@code delta4j train}, named as HF's {@code TrainingArguments} in kebab
 * case. An option left out keeps {@link TrainingArguments}' default (HF's).
 */
final class TrainingOptions {
    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per batch (default 8).")
    private Integer batchSize;

    @Option(names = "--no-shuffle", description = "Read the rows in the file's order.")
    private boolean noShuffle;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the shuffling (default 42).")
    private Long seed;

    @ArgGroup(exclusive = true)
    private Length length;

    @Option(
            names = "--learning-rate",
            paramLabel = "F",
            description = "Peak learning rate (default 5e-5).")
    private Double learningRate;

    @Option(names = "--weight-decay", paramLabel = "F", description = "Weight decay (default 0).")
    private Double weightDecay;

    @Option(names = "--adam-beta1", paramLabel = "F", description = "Adam's beta1 (default 0.9).")
    private Double adamBeta1;

    @Option(names = "--adam-beta2", paramLabel = "F", description = "Adam's beta2 (default 0.999).")
    private Double adamBeta2;

    @Option(
            names = "--adam-epsilon",
            paramLabel = "F",
            description = "Adam's epsilon (default 1e-8).")
    private Double adamEpsilon;

    @Option(
            names = "--optimizer",
            paramLabel = "NAME",
            description = "adamw (default), adam or sgd, each as PyTorch's.")
    private String optimizer;

    @Option(names = "--momentum", paramLabel = "F", description = "SGD's momentum (default 0).")
    private Double momentum;

    @Option(
            names = "--lr-scheduler-type",
            paramLabel = "NAME",
            description =
                    "constant, constant_with_warmup, linear (default) or cosine, as transformers'"
                            + " schedules.")
    private String lrSchedulerType;

    @Option(
            names = "--warmup-steps",
            paramLabel = "N",
            description = "Steps of linear warmup (default 0).")
    private Integer warmupSteps;

    @Option(
            names = "--max-grad-norm",
            paramLabel = "F",
            description = "Clip the global gradient norm to F (default 1.0; 0 turns clipping off).")
    private Double maxGradNorm;

    @Option(
            names = "--gradient-accumulation-steps",
            paramLabel = "N",
            description = "Batches per optimizer step (default 1).")
    private Integer gradientAccumulationSteps;

    @Option(
            names = "--eval-steps",
            paramLabel = "N",
            description = "Evaluate every N steps (default: only at the end).")
    private Integer evalSteps;

    @Option(
            names = "--save-steps",
            paramLabel = "N",
            description = "Save the run state every N steps (default: only at the end).")
    private Integer saveSteps;

    /** How long to train: one of the two. */
    static final class Length {
        @Option(names = "--max-steps", paramLabel = "N", description = "Optimizer steps to take.")
        private Integer maxSteps;

        @Option(
                names = "--num-train-epochs",
                paramLabel = "N",
                description = "Epochs to train (default 3).")
        private Integer numTrainEpochs;
    }

    /**
     * @return the arguments these options give
     * @throws IllegalArgumentException when a value is out of range, naming the option's field
     */
    TrainingArguments arguments() {
        TrainingArguments.Builder b = TrainingArguments.builder();
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        b.shuffle(!noShuffle);
        if (seed != null) {
            b.seed(seed);
        }
        if (length != null && length.maxSteps != null) {
            b.maxSteps(length.maxSteps);
        }
        if (length != null && length.numTrainEpochs != null) {
            b.numTrainEpochs(length.numTrainEpochs);
        }
        if (optimizer != null) {
            b.optimizer(OptimizerType.parse(optimizer));
        }
        if (learningRate != null) {
            b.learningRate(learningRate);
        }
        if (weightDecay != null) {
            b.weightDecay(weightDecay);
        }
        if (adamBeta1 != null) {
            b.adamBeta1(adamBeta1);
        }
        if (adamBeta2 != null) {
            b.adamBeta2(adamBeta2);
        }
        if (adamEpsilon != null) {
            b.adamEpsilon(adamEpsilon);
        }
        if (momentum != null) {
            b.momentum(momentum);
        }
        if (lrSchedulerType != null) {
            b.lrSchedulerType(ScheduleType.parse(lrSchedulerType));
        }
        if (warmupSteps != null) {
            b.warmupSteps(warmupSteps);
        }
        if (maxGradNorm != null) {
            b.maxGradNorm(maxGradNorm);
        }
        if (gradientAccumulationSteps != null) {
            b.gradientAccumulationSteps(gradientAccumulationSteps);
        }
        if (evalSteps != null) {
            b.evalSteps(evalSteps);
        }
        if (saveSteps != null) {
            b.saveSteps(saveSteps);
        }
        return b.build();
    }
}
