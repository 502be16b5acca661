package org.delta4j.generate.search;

import java.util.SplittableRandom;
import org.delta4j.generate.logits.Softmax;

/** Picks a row's next token from its processed scores: greedy argmax or sampling. */
@FunctionalInterface
public interface TokenChooser {
    /**
     * @param scores the row's processed (and, for sampling, warped) scores; not changed
     * @return the chosen id
     */
    long choose(float[] scores);

    /**
     * @return the argmax, the lowest id on an exact tie (as {@code torch.argmax})
     */
    static TokenChooser argmax() {
        return scores -> {
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            return best;
        };
    }

    /**
     * Samples from {@code softmax(scores)} with a seeded generator: the same seed gives the same
     * tokens on the same machine (it does not reproduce torch's generator). Not thread-safe: one
     * per decoding call.
     *
     * @param seed the generator's seed
     * @return the sampling chooser
     */
    static TokenChooser sampling(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return scores -> {
            float[] probabilities = Softmax.of(scores);
            double u = random.nextDouble();
            double cumulative = 0;
            int last = 0;
            for (int i = 0; i < probabilities.length; i++) {
                if (probabilities[i] > 0) {
                    cumulative += probabilities[i];
                    last = i;
                    if (u < cumulative) {
                        return i;
                    }
                }
            }
            return last; // rounding left the running sum just below u
        };
    }
}
