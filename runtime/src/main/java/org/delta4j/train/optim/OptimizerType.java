package org.delta4j.train.optim;

/** The update rule of an {@link Optimizer}, each as PyTorch's class of the same name. */
public enum OptimizerType {
    /** {@code torch.optim.AdamW}: Adam with weight decay applied to the weights. */
    ADAMW,
    /** {@code torch.optim.Adam}: weight decay added to the gradient (L2). */
    ADAM,
    /** {@code torch.optim.SGD} with optional momentum (no dampening, no Nesterov). */
    SGD;

    /**
     * @param name {@code adamw}, {@code adam} or {@code sgd}, in any case
     * @return the type of that name
     * @throws IllegalArgumentException for any other name
     */
    public static OptimizerType parse(String name) {
        return EnumNames.parse(OptimizerType.class, name, "optimizer");
    }
}
