package org.delta4j.generate.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * transformers 4.38.2's {@code BeamHypotheses}: the {@code num_beams} best finished hypotheses of
 * one input row, scored {@code sum_logprobs / generated_len ** length_penalty} in double precision.
 */
final class BeamHypotheses {
    /** A hypothesis: its sequence (without a closing eos) and its normalised score. */
    record Hypothesis(long[] tokens, double score) {}

    private final int numBeams;
    private final double lengthPenalty;
    private final EarlyStopping earlyStopping;
    private final int maxLength;
    private final List<Hypothesis> beams = new ArrayList<>();
    private double worstScore = 1e9;

    BeamHypotheses(int numBeams, double lengthPenalty, EarlyStopping earlyStopping, int maxLength) {
        this.numBeams = numBeams;
        this.lengthPenalty = lengthPenalty;
        this.earlyStopping = earlyStopping;
        this.maxLength = maxLength;
    }

    int size() {
        return beams.size();
    }

    /**
     * @param tokens the hypothesis
     * @param sumLogprobs its beam score
     * @param generatedLen its new tokens (for an eos-closed one, the eos included)
     */
    void add(long[] tokens, double sumLogprobs, int generatedLen) {
        double score = sumLogprobs / Math.pow(generatedLen, lengthPenalty);
        if (beams.size() < numBeams || score > worstScore) {
            beams.add(new Hypothesis(tokens, score));
            if (beams.size() > numBeams) {
                // transformers sorts (score, index) pairs: the lowest score, then the lowest index
                int worst = 0;
                for (int i = 1; i < beams.size(); i++) {
                    if (beams.get(i).score() < beams.get(worst).score()) {
                        worst = i;
                    }
                }
                beams.remove(worst);
                worstScore = beams.stream().mapToDouble(Hypothesis::score).min().orElseThrow();
            } else {
                worstScore = Math.min(score, worstScore);
            }
        }
    }

    /**
     * @param bestSumLogprobs the best candidate score of this step
     * @param curLen the sequence length after this step
     * @param decoderPromptLen the sequence length when the search started
     * @return whether no later hypothesis can enter
     */
    boolean isDone(double bestSumLogprobs, int curLen, int decoderPromptLen) {
        if (beams.size() < numBeams) {
            return false;
        }
        if (earlyStopping == EarlyStopping.TRUE) {
            return true;
        }
        int length = earlyStopping == EarlyStopping.NEVER && lengthPenalty > 0 ? maxLength : curLen;
        return worstScore >= bestSumLogprobs / Math.pow(length - decoderPromptLen, lengthPenalty);
    }

    /**
     * @param count how many to take, at most {@link #size()}
     * @return the best {@code count}, best first (on equal scores the later-added first, as
     *     transformers' stable sort and {@code pop()} give)
     */
    List<Hypothesis> best(int count) {
        List<Hypothesis> sorted = new ArrayList<>(beams);
        sorted.sort(Comparator.comparingDouble(Hypothesis::score));
        List<Hypothesis> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sorted.get(sorted.size() - 1 - i));
        }
        return out;
    }
}
