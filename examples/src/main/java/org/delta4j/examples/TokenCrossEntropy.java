package org.delta4j.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;

/**
 * Mean cross-entropy of a seq2seq model's {@code logits [B, T, V]} against token labels {@code [B,
 * T]}.
 */
final class TokenCrossEntropy extends Loss {
    TokenCrossEntropy() {
        super("TokenCrossEntropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.get("logits");
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray picked =
                logProbs.get(new NDIndex().addAllDim(2).addPickDim(labels.head().expandDims(-1)));
        return picked.neg().mean();
    }

    /**
     * @param labels the token labels
     * @param predictions the model's outputs
     * @return the share of tokens whose arg-max prediction equals the label
     */
    static float accuracy(NDArray labels, NDList predictions) {
        NDArray predicted = predictions.get("logits").argMax(-1);
        return predicted
                .eq(labels)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .mean()
                .getFloat();
    }
}
