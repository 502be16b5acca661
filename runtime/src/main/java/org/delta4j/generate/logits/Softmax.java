package org.delta4j.generate.logits;

/**
 * Softmax and log-softmax of one float32 row as PyTorch computes them: the maximum subtracted
 * first, the sum of exponentials accumulated (here in double), the result rounded to float32.
 */
public final class Softmax {
    private Softmax() {}

    /**
     * @param scores a row of scores; {@code -inf} entries get probability 0
     * @return the probabilities, float32
     */
    public static float[] of(float[] scores) {
        float max = max(scores);
        double sum = sumOfExps(scores, max);
        float[] out = new float[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = (float) (Math.exp(scores[i] - max) / sum);
        }
        return out;
    }

    /**
     * @param logits a row of logits
     * @return {@code log_softmax}: {@code (x - max) - log(sum(exp(x - max)))}, float32
     */
    public static float[] log(float[] logits) {
        float max = max(logits);
        float logSum = (float) Math.log(sumOfExps(logits, max));
        float[] out = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = (logits[i] - max) - logSum;
        }
        return out;
    }

    private static float max(float[] row) {
        float max = Float.NEGATIVE_INFINITY;
        for (float x : row) {
            max = Math.max(max, x);
        }
        return max;
    }

    private static double sumOfExps(float[] row, float max) {
        double sum = 0;
        for (float x : row) {
            sum += Math.exp(x - max);
        }
        return sum;
    }
}
