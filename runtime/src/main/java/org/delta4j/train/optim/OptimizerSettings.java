package org.delta4j.train.optim;

/**
 * What an {@link Optimizer} is built from: its type and hyper-parameters, named and checked as
 * PyTorch's optimizers check theirs. Betas and epsilon are read by Adam and AdamW, momentum by SGD.
 *
 * @param type the update rule
 * @param learningRate the base learning rate (a schedule scales it per step), {@code >= 0}
 * @param beta1 the decay of the first moment, in {@code [0, 1)}
 * @param beta2 the decay of the second moment, in {@code [0, 1)}
 * @param epsilon added to the denominator of Adam's update, {@code >= 0}
 * @param weightDecay decoupled decay (AdamW) or L2 factor (Adam, SGD), {@code >= 0}
 * @param momentum SGD's momentum, {@code >= 0} (0: plain SGD)
 */
public record OptimizerSettings(
        OptimizerType type,
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        double weightDecay,
        double momentum) {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException naming the first field out of range, its value and the range
     *     allowed
     */
    public OptimizerSettings {
        if (type == null) {
            throw new IllegalArgumentException(
                    "OptimizerSettings.type is null: expected one of "
                            + EnumNames.names(OptimizerType.class));
        }
        atLeastZero("learningRate", learningRate);
        belowOne("beta1", beta1);
        belowOne("beta2", beta2);
        atLeastZero("epsilon", epsilon);
        atLeastZero("weightDecay", weightDecay);
        atLeastZero("momentum", momentum);
    }

    /**
     * HF {@code TrainingArguments}' defaults: AdamW, learning rate 5e-5, betas (0.9, 0.999),
     * epsilon 1e-8, no weight decay, no momentum.
     *
     * @return the default settings
     */
    public static OptimizerSettings defaults() {
        return new OptimizerSettings(OptimizerType.ADAMW, 5e-5, 0.9, 0.999, 1e-8, 0.0, 0.0);
    }

    /**
     * @param value the new type
     * @return a copy with that type
     */
    public OptimizerSettings withType(OptimizerType value) {
        return new OptimizerSettings(
                value, learningRate, beta1, beta2, epsilon, weightDecay, momentum);
    }

    /**
     * @param value the new base learning rate
     * @return a copy with that learning rate
     */
    public OptimizerSettings withLearningRate(double value) {
        return new OptimizerSettings(type, value, beta1, beta2, epsilon, weightDecay, momentum);
    }

    /**
     * @param value the new first-moment decay
     * @return a copy with that beta1
     */
    public OptimizerSettings withBeta1(double value) {
        return new OptimizerSettings(
                type, learningRate, value, beta2, epsilon, weightDecay, momentum);
    }

    /**
     * @param value the new second-moment decay
     * @return a copy with that beta2
     */
    public OptimizerSettings withBeta2(double value) {
        return new OptimizerSettings(
                type, learningRate, beta1, value, epsilon, weightDecay, momentum);
    }

    /**
     * @param value the new epsilon
     * @return a copy with that epsilon
     */
    public OptimizerSettings withEpsilon(double value) {
        return new OptimizerSettings(
                type, learningRate, beta1, beta2, value, weightDecay, momentum);
    }

    /**
     * @param value the new weight decay
     * @return a copy with that weight decay
     */
    public OptimizerSettings withWeightDecay(double value) {
        return new OptimizerSettings(type, learningRate, beta1, beta2, epsilon, value, momentum);
    }

    /**
     * @param value the new momentum
     * @return a copy with that momentum
     */
    public OptimizerSettings withMomentum(double value) {
        return new OptimizerSettings(type, learningRate, beta1, beta2, epsilon, weightDecay, value);
    }

    private static void atLeastZero(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw outOfRange(field, value, "a finite number >= 0");
        }
    }

    private static void belowOne(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw outOfRange(field, value, "a number in [0, 1)");
        }
    }

    private static IllegalArgumentException outOfRange(
            String field, double value, String expected) {
        return new IllegalArgumentException(
                "OptimizerSettings."
                        + field
                        + " is "
                        + value
                        + ": expected "
                        + expected
                        + "; set "
                        + field
                        + " to a value in that range");
    }
}
