package org.delta4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * {@code torch.optim.AdamW} and {@code torch.optim.Adam} (1.13, single-tensor path): the same
 * float32 updates in the same order, bias corrections and step size in double, with the constants
 * grouped so that every operation works in place in the parameter, its state or its gradient (DJL
 * has no {@code addcmul_}/{@code addcdiv_}; fresh parameter-sized temporaries cost page faults).
 * Results agree with PyTorch's to float32 rounding.
 */
final class AdamOptimizer extends ParameterOptimizer {
    /** The whole array, for copies into existing memory. */
    private static final NDIndex ALL = new NDIndex("...");

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
        // The gradient is this update's scratch space (Optimizer.step says so).
        NDArray grad = gradient;
        if (decoupled) {
            // param.mul_(1 - lr * wd); a factor of exactly 1 changes nothing and is skipped.
            double keep = 1 - learningRate * weightDecay;
            if (keep != 1) {
                value.muli(scratch.create(keep));
            }
        } else if (weightDecay != 0) {
            // grad = grad + wd * param (L2), in the gradient's own memory.
            try (NDArray decay = scratch.create(weightDecay).mul(value)) {
                grad.addi(decay);
            }
        }
        // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1), with (1 - beta1) * grad kept in grad.
        double oneMinusBeta1 = 1 - beta1;
        grad.muli(scratch.create(oneMinusBeta1));
        expAvg.muli(scratch.create(beta1)).addi(grad);
        // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2): grad² from the scaled grad.
        grad.muli(grad).muli(scratch.create((1 - beta2) / (oneMinusBeta1 * oneMinusBeta1)));
        expAvgSq.muli(scratch.create(beta2)).addi(grad);
        double biasCorrection1 = 1 - Math.pow(beta1, state.step);
        double biasCorrection2 = 1 - Math.pow(beta2, state.step);
        double stepSize = learningRate / biasCorrection1;
        // param.addcdiv_(exp_avg, denom, value=-step_size) with denom = sqrt(exp_avg_sq) / s + eps
        // and s = sqrt(bias_correction2), as param + (-step_size * s) * exp_avg / (sqrt(exp_avg_sq)
        // + eps * s), computed in the gradient's memory (a copy of exp_avg_sq first): no temporary.
        double s = Math.sqrt(biasCorrection2);
        grad.set(ALL, expAvgSq);
        grad.powi(scratch.create(0.5))
                .addi(scratch.create(epsilon * s))
                .powi(scratch.create(-1))
                .muli(expAvg)
                .muli(scratch.create(-stepSize * s));
        value.addi(grad);
    }
}
