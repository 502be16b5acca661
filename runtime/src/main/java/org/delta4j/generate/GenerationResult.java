package org.delta4j.generate;

import java.util.List;

/**
 * The output of {@link Generator#generate}, as transformers' {@code generate(...,
 * return_dict_in_generate=True)}.
 */
public final class GenerationResult {
    private final long[][] sequences;
    private final float[] sequencesScores;
    private final List<float[][]> scores;

    GenerationResult(long[][] sequences, float[] sequencesScores, List<float[][]> scores) {
        this.sequences = sequences;
        this.sequencesScores = sequencesScores;
        this.scores = List.copyOf(scores);
    }

    /**
     * @return {@code sequences}: {@code batch * num_return_sequences} rows (row {@code i *
     *     num_return_sequences + j} is the j-th of input row i). Decoder-only: the prompt as
     *     passed, padding included, then the new tokens; encoder-decoder: the decoder sequence,
     *     start id first. Finished rows are filled with {@code pad_token_id}. A copy.
     */
    public long[][] sequences() {
        long[][] out = new long[sequences.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = sequences[i].clone();
        }
        return out;
    }

    /**
     * @return {@code sequences_scores}: beam search's score of each returned hypothesis ({@code
     *     sum_logprobs / generated_len ** length_penalty}); null for greedy search and sampling
     */
    public float[] sequencesScores() {
        return sequencesScores == null ? null : sequencesScores.clone();
    }

    /**
     * @return {@code scores} when {@code output_scores} was set, else empty: per step, the
     *     processed next-token scores of every decoding row ({@code [step][rows][vocab]}; for beam
     *     search the processed log-probabilities plus the beam scores, rows being beams), {@code
     *     -inf} where banned
     */
    public List<float[][]> scores() {
        return scores;
    }
}
