package org.delta4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * {@code torch.optim.AdamW} and {@code torch.optim.Adam} (1.13, single-tensor path), operation for
 * operation: the same in-place float32 updates in the same order, bias corrections and step size in
 * double. Temporaries come from the scratch scope and are freed parameter by parameter.
 */
final class AdamOptimizer extends ParameterOptimizer {
    private final boolean decoupled;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;

    AdamOptimizer(
            OptimizerSettings settings, Map<String, Parameter> parameters, NDManager manager) {
        super(parameters, manager, "exp_avg", "exp_avg_sq");
        this.decoupled = settings.type() == OptimizerType.ADAMW;
        this.beta1 = settings.beta1();
        this.beta2 = settings.beta2();
        this.epsilon = settings.epsilon();
        this.weightDecay = settings.weightDecay();
    }

    @Override
    void update(
            NDArray value,
            NDArray gradient,
            ParameterState state,
            double learningRate,
            NDManager scratch) {
        if (state.arrays[0] == null) {
            state.arrays[0] = zerosLike(value);
            state.arrays[1] = zerosLike(value);
        }
        NDArray expAvg = state.arrays[0];
        NDArray expAvgSq = state.arrays[1];
        NDArray grad = gradient;
        if (decoupled) {
            // param.mul_(1 - lr * wd); a factor of exactly 1 changes nothing and is skipped.
            double keep = 1 - learningRate * weightDecay;
            if (keep != 1) {
                value.muli(scratch.create(keep));
            }
        } else {
            grad = withL2(gradient, value, weightDecay, scratch);
        }
        // Each temporary is freed as soon as it is used, so that at most two parameter-sized ones
        // are alive at a time (as in PyTorch) and the allocator can hand their memory back out.
        // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
        try (NDArray scaled = grad.mul(scratch.create(1 - beta1))) {
            expAvg.muli(scratch.create(beta1)).addi(scaled);
        }
        // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        try (NDArray squared = grad.mul(scratch.create(1 - beta2)).muli(grad)) {
            expAvgSq.muli(scratch.create(beta2)).addi(squared);
        }
        double biasCorrection1 = 1 - Math.pow(beta1, state.step);
        double biasCorrection2 = 1 - Math.pow(beta2, state.step);
        double stepSize = learningRate / biasCorrection1;
        // denom = (exp_avg_sq.sqrt() / sqrt(bias_correction2)).add_(eps)
        try (NDArray denominator = expAvgSq.sqrt()) {
            denominator.attach(scratch);
            denominator
                    .divi(scratch.create(Math.sqrt(biasCorrection2)))
                    .addi(scratch.create(epsilon));
            // param.addcdiv_(exp_avg, denom, value=-step_size): (value * exp_avg) / denom
            try (NDArray step = scratch.create(-stepSize).mul(expAvg).divi(denominator)) {
                value.addi(step);
            }
        }
    }
}
