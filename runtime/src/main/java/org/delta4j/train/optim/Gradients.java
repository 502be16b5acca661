package org.delta4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;
import org.delta4j.nn.NoGrad;

/**
 * The gradients backward left on parameters, taken together: their global L2 norm, clipping as
 * {@code torch.nn.utils.clip_grad_norm_}, and zeroing. Parameters backward never reached (no
 * gradient) are left out, as PyTorch leaves out {@code grad is None}.
 */
public final class Gradients {
    private Gradients() {}

    /**
     * The global L2 norm, {@code norm(stack([norm(g) for g in grads]))} in float32.
     *
     * @param parameters the parameters (those without a gradient are skipped)
     * @return the norm, 0 when no parameter has a gradient
     */
    public static float globalNorm(Collection<Parameter> parameters) {
        return NoGrad.run(
                () -> {
                    try (NDManager scratch = NDManager.newBaseManager()) {
                        return norm(gradients(parameters, scratch));
                    }
                });
    }

    /**
     * Scales every gradient by {@code min(1, maxNorm / (norm + 1e-6))}, in place, also when the
     * coefficient is 1, as {@code clip_grad_norm_} does (the coefficient computed in float32 as it
     * computes it).
     *
     * @param parameters the parameters (those without a gradient are skipped)
     * @param maxNorm the largest norm kept, {@code > 0}
     * @return the global norm before clipping
     * @throws IllegalArgumentException if maxNorm is not a finite number above 0
     */
    public static float clip(Collection<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException(
                    "max grad norm "
                            + maxNorm
                            + ": expected a finite number > 0; to train without clipping, do not"
                            + " clip");
        }
        return NoGrad.run(
                () -> {
                    try (NDManager scratch = NDManager.newBaseManager()) {
                        NDList gradients = gradients(parameters, scratch);
                        float norm = norm(gradients);
                        NDArray coefficient =
                                scratch.create(
                                        Math.min(1f, clipCoefficient(norm, (float) maxNorm)));
                        for (NDArray gradient : gradients) {
                            gradient.muli(coefficient);
                        }
                        return norm;
                    }
                });
    }

    /**
     * Sets every defined gradient to zeros in place; an undefined gradient stays undefined.
     *
     * @param parameters the parameters
     */
    public static void zero(Collection<Parameter> parameters) {
        NoGrad.run(
                () -> {
                    for (Parameter parameter : parameters) {
                        JniUtils.zeroGrad((PtNDArray) value(parameter));
                    }
                });
    }

    /**
     * {@code max_norm / (total_norm + 1e-6)} as torch 1.13 evaluates it on a float32 tensor: {@code
     * __rtruediv__} is {@code reciprocal() * max_norm}.
     */
    static float clipCoefficient(float norm, float maxNorm) {
        return (1f / (norm + 1e-6f)) * maxNorm;
    }

    private static NDList gradients(Collection<Parameter> parameters, NDManager scratch) {
        NDList gradients = new NDList();
        for (Parameter parameter : parameters) {
            NDArray gradient = DefinedGradient.of(value(parameter), scratch);
            if (gradient != null) {
                gradients.add(gradient);
            }
        }
        return gradients;
    }

    private static NDArray value(Parameter parameter) {
        return DefinedGradient.valueOf(parameter.getName(), parameter);
    }

    private static float norm(NDList gradients) {
        if (gradients.isEmpty()) {
            return 0f;
        }
        NDList norms = new NDList(gradients.size());
        for (NDArray gradient : gradients) {
            norms.add(gradient.norm());
        }
        return NDArrays.stack(norms).norm().getFloat();
    }
}
