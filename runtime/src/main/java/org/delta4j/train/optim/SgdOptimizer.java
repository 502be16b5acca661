package org.delta4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * {@code torch.optim.SGD} (1.13, single-tensor path) with dampening 0 and no Nesterov: weight decay
 * as L2 on the gradient, the momentum buffer a copy of the first step's gradient and {@code buf *
 * momentum + grad} after.
 */
final class SgdOptimizer extends ParameterOptimizer {
    private final double momentum;
    private final double weightDecay;

    SgdOptimizer(OptimizerSettings settings, Map<String, Parameter> parameters, NDManager manager) {
        super(parameters, manager, settings.momentum() == 0 ? new String[0] : momentumField());
        this.momentum = settings.momentum();
        this.weightDecay = settings.weightDecay();
    }

    private static String[] momentumField() {
        return new String[] {"momentum_buffer"};
    }

    @Override
    void update(
            NDArray value,
            NDArray gradient,
            ParameterState state,
            double learningRate,
            NDManager scratch) {
        NDArray direction = withL2(gradient, value, weightDecay, scratch);
        if (momentum != 0) {
            if (state.arrays[0] == null) {
                state.arrays[0] = keep(direction);
            } else {
                state.arrays[0].muli(scratch.create(momentum)).addi(direction);
            }
            direction = state.arrays[0];
        }
        // param.add_(d_p, alpha=-lr)
        try (NDArray step = scratch.create(-learningRate).mul(direction)) {
            value.addi(step);
        }
    }

    /**
     * PyTorch's L2 term, {@code grad.add(param, alpha=weightDecay)}: a new array, the gradient
     * itself stays as backward left it.
     *
     * @return {@code gradient + weightDecay * value} in the scratch scope, or the gradient when
     *     weightDecay is 0
     */
    private static NDArray withL2(
            NDArray gradient, NDArray value, double weightDecay, NDManager scratch) {
        if (weightDecay == 0) {
            return gradient;
        }
        // The scratch scalar comes first so that the product is the scope's, not the model's.
        return scratch.create(weightDecay).mul(value).addi(gradient);
    }
}
