package org.delta4j.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.delta4j.train.optim.OptimizerSettings;
import org.delta4j.train.optim.OptimizerType;
import org.delta4j.train.optim.ScheduleType;

/**
 * How a run trains, with HF {@code TrainingArguments}' names and defaults: batch size 8, AdamW at
 * learning rate 5e-5 (betas 0.9 and 0.999, epsilon 1e-8, no weight decay), clipping at a gradient
 * norm of 1.0, no accumulation, 3 epochs, a linear schedule without warmup, seed 42, shuffled
 * batches. Immutable; build with {@link #builder()}, copy with {@link #toBuilder()}.
 */
public final class TrainingArguments {
    private final int batchSize;
    private final OptimizerSettings optimizer;
    private final double maxGradNorm;
    private final int gradientAccumulationSteps;
    private final int numTrainEpochs;
    private final int maxSteps;
    private final int warmupSteps;
    private final ScheduleType lrSchedulerType;
    private final long seed;
    private final boolean shuffle;
    private final int evalSteps;
    private final int saveSteps;
    private final int loggingSteps;

    private TrainingArguments(Builder b) {
        this.batchSize = atLeast("batch_size", b.batchSize, 1);
        this.optimizer =
                new OptimizerSettings(
                        b.optimizerType,
                        b.learningRate,
                        b.adamBeta1,
                        b.adamBeta2,
                        b.adamEpsilon,
                        b.weightDecay,
                        b.momentum);
        if (!(b.maxGradNorm >= 0) || Double.isInfinite(b.maxGradNorm)) {
            throw new IllegalArgumentException(
                    "max_grad_norm must be a finite number >= 0 (0 turns clipping off), got "
                            + b.maxGradNorm);
        }
        this.maxGradNorm = b.maxGradNorm;
        this.gradientAccumulationSteps =
                atLeast("gradient_accumulation_steps", b.gradientAccumulationSteps, 1);
        this.numTrainEpochs = atLeast("num_train_epochs", b.numTrainEpochs, 1);
        if (b.maxSteps == 0 || b.maxSteps < -1) {
            throw new IllegalArgumentException(
                    "max_steps must be at least 1, or -1 to train num_train_epochs epochs, got "
                            + b.maxSteps);
        }
        this.maxSteps = b.maxSteps;
        this.warmupSteps = atLeast("warmup_steps", b.warmupSteps, 0);
        if (b.lrSchedulerType == null) {
            throw new IllegalArgumentException(
                    "lr_scheduler_type must be one of constant, constant_with_warmup, linear, cosine, got null");
        }
        this.lrSchedulerType = b.lrSchedulerType;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.evalSteps = atLeast("eval_steps", b.evalSteps, 0);
        this.saveSteps = atLeast("save_steps", b.saveSteps, 0);
        this.loggingSteps = atLeast("logging_steps", b.loggingSteps, 1);
    }

    /**
     * @return a builder with HF's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder holding these arguments
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.batchSize = batchSize;
        b.optimizerType = optimizer.type();
        b.learningRate = optimizer.learningRate();
        b.adamBeta1 = optimizer.beta1();
        b.adamBeta2 = optimizer.beta2();
        b.adamEpsilon = optimizer.epsilon();
        b.weightDecay = optimizer.weightDecay();
        b.momentum = optimizer.momentum();
        b.maxGradNorm = maxGradNorm;
        b.gradientAccumulationSteps = gradientAccumulationSteps;
        b.numTrainEpochs = numTrainEpochs;
        b.maxSteps = maxSteps;
        b.warmupSteps = warmupSteps;
        b.lrSchedulerType = lrSchedulerType;
        b.seed = seed;
        b.shuffle = shuffle;
        b.evalSteps = evalSteps;
        b.saveSteps = saveSteps;
        b.loggingSteps = loggingSteps;
        return b;
    }

    /**
     * @return rows per batch ({@code per_device_train_batch_size}), for whoever builds the batches
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * @return the optimizer, its base learning rate and hyper-parameters
     */
    public OptimizerSettings optimizer() {
        return optimizer;
    }

    /**
     * @return the gradient norm clipped to; 0 when clipping is off
     */
    public double maxGradNorm() {
        return maxGradNorm;
    }

    /**
     * @return the batches whose gradients add up to one optimizer step
     */
    public int gradientAccumulationSteps() {
        return gradientAccumulationSteps;
    }

    /**
     * @return the epochs to train when {@link #maxSteps()} is -1
     */
    public int numTrainEpochs() {
        return numTrainEpochs;
    }

    /**
     * @return the optimizer steps to train (epochs repeat as needed), or -1 for {@link
     *     #numTrainEpochs()} epochs
     */
    public int maxSteps() {
        return maxSteps;
    }

    /**
     * @return the steps of the schedule's warmup
     */
    public int warmupSteps() {
        return warmupSteps;
    }

    /**
     * @return the learning-rate schedule
     */
    public ScheduleType lrSchedulerType() {
        return lrSchedulerType;
    }

    /**
     * @return the seed of the batch order, for whoever builds the batches
     */
    public long seed() {
        return seed;
    }

    /**
     * @return whether each epoch reads the batches in another order, for whoever builds them
     */
    public boolean shuffle() {
        return shuffle;
    }

    /**
     * @return evaluate every this many optimizer steps (and at the end); 0 evaluates at the end
     *     only
     */
    public int evalSteps() {
        return evalSteps;
    }

    /**
     * @return save the run state every this many optimizer steps (and at the end); 0 saves at the
     *     end only
     */
    public int saveSteps() {
        return saveSteps;
    }

    /**
     * @return print a progress line every this many optimizer steps when the output is no terminal
     */
    public int loggingSteps() {
        return loggingSteps;
    }

    /**
     * @param perEpoch batches in one epoch
     * @return the optimizer steps of one epoch: a last group shorter than the accumulation still
     *     makes a step
     */
    public int stepsPerEpoch(int perEpoch) {
        return (perEpoch + gradientAccumulationSteps - 1) / gradientAccumulationSteps;
    }

    /**
     * @param perEpoch batches in one epoch
     * @return the optimizer steps of the whole run
     */
    public int totalSteps(int perEpoch) {
        return maxSteps > 0 ? maxSteps : numTrainEpochs * stepsPerEpoch(perEpoch);
    }

    /**
     * @return every argument under HF's name, in a stable order: what identifies a run's recipe
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("per_device_train_batch_size", batchSize);
        m.put("optim", optimizer.type().name().toLowerCase(Locale.ROOT));
        m.put("learning_rate", optimizer.learningRate());
        m.put("adam_beta1", optimizer.beta1());
        m.put("adam_beta2", optimizer.beta2());
        m.put("adam_epsilon", optimizer.epsilon());
        m.put("weight_decay", optimizer.weightDecay());
        m.put("momentum", optimizer.momentum());
        m.put("max_grad_norm", maxGradNorm);
        m.put("gradient_accumulation_steps", gradientAccumulationSteps);
        m.put("num_train_epochs", numTrainEpochs);
        m.put("max_steps", maxSteps);
        m.put("warmup_steps", warmupSteps);
        m.put("lr_scheduler_type", lrSchedulerType.name().toLowerCase(Locale.ROOT));
        m.put("seed", seed);
        m.put("shuffle", shuffle);
        m.put("eval_steps", evalSteps);
        m.put("save_steps", saveSteps);
        return m;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    private static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** Builds {@link TrainingArguments}; {@link #build()} checks every value. */
    public static final class Builder {
        private int batchSize = 8;
        private OptimizerType optimizerType = OptimizerType.ADAMW;
        private double learningRate = 5e-5;
        private double adamBeta1 = 0.9;
        private double adamBeta2 = 0.999;
        private double adamEpsilon = 1e-8;
        private double weightDecay = 0.0;
        private double momentum = 0.0;
        private double maxGradNorm = 1.0;
        private int gradientAccumulationSteps = 1;
        private int numTrainEpochs = 3;
        private int maxSteps = -1;
        private int warmupSteps = 0;
        private ScheduleType lrSchedulerType = ScheduleType.LINEAR;
        private long seed = 42;
        private boolean shuffle = true;
        private int evalSteps = 0;
        private int saveSteps = 500;
        private int loggingSteps = 500;

        private Builder() {}

        /**
         * @param rows rows per batch, at least 1 (default 8)
         * @return this builder
         */
        public Builder batchSize(int rows) {
            this.batchSize = rows;
            return this;
        }

        /**
         * @param type the optimizer (default AdamW)
         * @return this builder
         */
        public Builder optimizer(OptimizerType type) {
            this.optimizerType = type;
            return this;
        }

        /**
         * @param lr the base learning rate (default 5e-5)
         * @return this builder
         */
        public Builder learningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /**
         * @param beta1 Adam's first-moment decay (default 0.9)
         * @return this builder
         */
        public Builder adamBeta1(double beta1) {
            this.adamBeta1 = beta1;
            return this;
        }

        /**
         * @param beta2 Adam's second-moment decay (default 0.999)
         * @return this builder
         */
        public Builder adamBeta2(double beta2) {
            this.adamBeta2 = beta2;
            return this;
        }

        /**
         * @param epsilon Adam's epsilon (default 1e-8)
         * @return this builder
         */
        public Builder adamEpsilon(double epsilon) {
            this.adamEpsilon = epsilon;
            return this;
        }

        /**
         * @param decay the weight decay (default 0)
         * @return this builder
         */
        public Builder weightDecay(double decay) {
            this.weightDecay = decay;
            return this;
        }

        /**
         * @param momentum SGD's momentum (default 0)
         * @return this builder
         */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * @param norm the gradient norm to clip to; 0 turns clipping off (default 1.0)
         * @return this builder
         */
        public Builder maxGradNorm(double norm) {
            this.maxGradNorm = norm;
            return this;
        }

        /**
         * @param batches batches per optimizer step, at least 1 (default 1)
         * @return this builder
         */
        public Builder gradientAccumulationSteps(int batches) {
            this.gradientAccumulationSteps = batches;
            return this;
        }

        /**
         * @param epochs epochs to train when no max steps are set, at least 1 (default 3)
         * @return this builder
         */
        public Builder numTrainEpochs(int epochs) {
            this.numTrainEpochs = epochs;
            return this;
        }

        /**
         * @param steps optimizer steps to train, or -1 to train by epochs (default -1)
         * @return this builder
         */
        public Builder maxSteps(int steps) {
            this.maxSteps = steps;
            return this;
        }

        /**
         * @param steps warmup steps of the schedule (default 0)
         * @return this builder
         */
        public Builder warmupSteps(int steps) {
            this.warmupSteps = steps;
            return this;
        }

        /**
         * @param type the learning-rate schedule (default linear)
         * @return this builder
         */
        public Builder lrSchedulerType(ScheduleType type) {
            this.lrSchedulerType = type;
            return this;
        }

        /**
         * @param seed the seed of the batch order (default 42)
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param shuffle whether each epoch reorders the batches (default true)
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * @param steps evaluate every this many steps; 0 at the end only (default 0)
         * @return this builder
         */
        public Builder evalSteps(int steps) {
            this.evalSteps = steps;
            return this;
        }

        /**
         * @param steps save the run state every this many steps; 0 at the end only (default 500)
         * @return this builder
         */
        public Builder saveSteps(int steps) {
            this.saveSteps = steps;
            return this;
        }

        /**
         * @param steps steps between plain progress lines, at least 1 (default 500)
         * @return this builder
         */
        public Builder loggingSteps(int steps) {
            this.loggingSteps = steps;
            return this;
        }

        /**
         * @return the arguments
         * @throws IllegalArgumentException naming the first argument out of its range
         */
        public TrainingArguments build() {
            return new TrainingArguments(this);
        }
    }
}
