package org.delta4j.train.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

/**
 * PyTorch's losses as HF's heads call them, from native operations only (no Java-held scalars in
 * the graph), so gradients are PyTorch's.
 */
public final class Losses {
    /** HF's label for a position the loss ignores ({@code CrossEntropyLoss}'s ignore index). */
    public static final long IGNORE_INDEX = -100;

    private Losses() {}

    /**
     * {@code CrossEntropyLoss(ignore_index=-100)} with mean reduction: the mean over the targets
     * that are not ignored of {@code -log_softmax(logits)[target]} (NaN when every target is
     * ignored, as in PyTorch).
     *
     * @param logits {@code [..., classes]} float scores
     * @param targets int64 class ids, shaped as {@code logits} without its last axis
     * @return the scalar loss, float32
     */
    public static NDArray crossEntropy(NDArray logits, NDArray targets) {
        NDArray kept = targets.neq(IGNORE_INDEX);
        NDArray safe = NDArrays.where(kept, targets, targets.zerosLike());
        NDArray picked = logits.logSoftmax(-1).gather(safe.expandDims(-1), -1).squeeze(-1);
        NDArray weights = kept.toType(logits.getDataType(), false);
        return picked.mul(weights).sum().neg().div(weights.sum());
    }

    /**
     * {@code MSELoss} with mean reduction.
     *
     * @param predictions float values
     * @param targets float values of the same shape
     * @return the scalar loss
     */
    public static NDArray meanSquaredError(NDArray predictions, NDArray targets) {
        NDArray difference = predictions.sub(targets.toType(DataType.FLOAT32, false));
        return difference.mul(difference).mean();
    }

    /**
     * How many predictions ({@code argmax} of the logits) hit targets that are not ignored.
     *
     * @param logits {@code [..., classes]} float scores
     * @param targets int64 class ids, shaped as {@code logits} without its last axis
     * @return the hits and the targets counted
     */
    public static Accuracy accuracy(NDArray logits, NDArray targets) {
        NDArray kept = targets.neq(IGNORE_INDEX);
        NDArray hits = logits.argMax(-1).eq(targets).logicalAnd(kept);
        return new Accuracy(
                hits.toType(DataType.INT64, false).sum().getLong(),
                kept.toType(DataType.INT64, false).sum().getLong());
    }
}
