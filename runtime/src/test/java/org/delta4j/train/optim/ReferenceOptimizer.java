package org.delta4j.train.optim;

/**
 * PyTorch 1.13's single-tensor AdamW, Adam and SGD written out in double precision, element by
 * element, from the formulas of their documentation: what the float32 optimizers must come close
 * to.
 */
final class ReferenceOptimizer {
    private final OptimizerSettings settings;
    private final double[] value;
    private final double[] first;
    private final double[] second;
    private int step;

    ReferenceOptimizer(OptimizerSettings settings, double[] value) {
        this.settings = settings;
        this.value = value.clone();
        this.first = new double[value.length];
        this.second = new double[value.length];
    }

    /** One update with gradient g at the given learning rate. */
    void step(double[] g, double lr) {
        step++;
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        double wd = settings.weightDecay();
        for (int i = 0; i < value.length; i++) {
            switch (settings.type()) {
                case ADAMW -> {
                    value[i] *= 1 - lr * wd;
                    adam(i, g[i], lr, b1, b2);
                }
                case ADAM -> adam(i, g[i] + wd * value[i], lr, b1, b2);
                case SGD -> {
                    double d = g[i] + wd * value[i];
                    if (settings.momentum() != 0) {
                        first[i] = step == 1 ? d : settings.momentum() * first[i] + d;
                        d = first[i];
                    }
                    value[i] -= lr * d;
                }
            }
        }
    }

    private void adam(int i, double g, double lr, double b1, double b2) {
        first[i] = b1 * first[i] + (1 - b1) * g;
        second[i] = b2 * second[i] + (1 - b2) * g * g;
        double stepSize = lr / (1 - Math.pow(b1, step));
        double denominator =
                Math.sqrt(second[i]) / Math.sqrt(1 - Math.pow(b2, step)) + settings.epsilon();
        value[i] -= stepSize * first[i] / denominator;
    }

    double[] value() {
        return value;
    }
}
