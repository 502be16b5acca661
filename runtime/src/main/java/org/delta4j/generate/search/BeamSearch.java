package org.delta4j.generate.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.delta4j.generate.logits.LogitsProcessor;
import org.delta4j.generate.logits.LogitsProcessors;
import org.delta4j.generate.logits.Softmax;
import org.delta4j.generate.session.DecodingSession;

/**
 * Beam search as transformers 4.38.2's {@code beam_search} with {@code BeamSearchScorer}: the
 * processors run on the log-softmax of the logits, the running beam score is added (beams start at
 * {@code [0, -1e9, ...]}), and per input row the best {@code max(2, 1 + eos ids) * num_beams}
 * (beam, id) pairs are taken in order: an eos among the first {@code num_beams} closes a
 * hypothesis, a lower-ranked eos is skipped, the others fill the next beams. A done row's beams
 * continue with the pad id and score 0. At the end every open beam of a row not done is offered,
 * the best {@code num_return_sequences} hypotheses are returned best first, padded as {@code
 * finalize} does.
 */
public final class BeamSearch {
    private final List<LogitsProcessor> processors;
    private final Stopping stopping;
    private final int numBeams;
    private final int numReturnSequences;
    private final double lengthPenalty;
    private final EarlyStopping earlyStopping;
    private final boolean keepScores;

    /**
     * @param processors the logits processors, in transformers' order
     * @param stopping eos ids, pad id and maximum length
     * @param numBeams {@code num_beams}, at least 1
     * @param numReturnSequences {@code num_return_sequences}, at most {@code num_beams}
     * @param lengthPenalty {@code length_penalty}
     * @param earlyStopping {@code early_stopping}
     * @param keepScores whether to return each step's scores (processed log-probabilities plus the
     *     beam scores)
     */
    public BeamSearch(
            List<LogitsProcessor> processors,
            Stopping stopping,
            int numBeams,
            int numReturnSequences,
            double lengthPenalty,
            EarlyStopping earlyStopping,
            boolean keepScores) {
        if (numBeams < 1 || numReturnSequences < 1 || numReturnSequences > numBeams) {
            throw new IllegalArgumentException(
                    "num_return_sequences ("
                            + numReturnSequences
                            + ") must lie in 1..num_beams ("
                            + numBeams
                            + ")");
        }
        this.processors = List.copyOf(processors);
        this.stopping = stopping;
        this.numBeams = numBeams;
        this.numReturnSequences = numReturnSequences;
        this.lengthPenalty = lengthPenalty;
        this.earlyStopping = earlyStopping;
        this.keepScores = keepScores;
    }

    /**
     * @param session the opened session on {@code batch * num_beams} rows, not yet started
     * @param listener hears each step (each beam's token)
     * @return {@code batch * num_return_sequences} sequences, best first per input row, and their
     *     scores
     */
    public SearchOutput run(DecodingSession session, TokenListener listener) {
        long[][] sequences = session.initialSequences();
        int rows = sequences.length;
        if (rows % numBeams != 0) {
            throw new IllegalArgumentException(
                    "the session has " + rows + " rows, not a multiple of num_beams " + numBeams);
        }
        int batch = rows / numBeams;
        int decoderPromptLen = sequences[0].length;
        float[] beamScores = new float[rows];
        for (int r = 0; r < rows; r++) {
            beamScores[r] = r % numBeams == 0 ? 0f : -1e9f;
        }
        BeamHypotheses[] hypotheses = new BeamHypotheses[batch];
        Arrays.setAll(
                hypotheses,
                b ->
                        new BeamHypotheses(
                                numBeams, lengthPenalty, earlyStopping, stopping.maxLength()));
        boolean[] done = new boolean[batch];
        List<float[][]> scores = new ArrayList<>();
        float[][] logits = session.start();
        for (int step = 0; ; step++) {
            int curLen = sequences[0].length + 1;
            float[][] candidates = new float[rows][];
            for (int r = 0; r < rows; r++) {
                candidates[r] = Softmax.log(logits[r]);
                LogitsProcessors.apply(processors, sequences[r], candidates[r]);
                for (int v = 0; v < candidates[r].length; v++) {
                    candidates[r][v] += beamScores[r];
                }
            }
            if (keepScores) {
                scores.add(candidates);
            }
            long[] tokens = new long[rows];
            int[] sources = new int[rows];
            float[] nextScores = new float[rows];
            for (int b = 0; b < batch; b++) {
                int first = b * numBeams;
                if (done[b]) {
                    Arrays.fill(tokens, first, first + numBeams, stopping.padTokenId());
                    Arrays.fill(sources, first, first + numBeams, first);
                    continue;
                }
                int beam = 0;
                List<Candidate> top = Candidate.top(candidates, first, numBeams, topCount());
                for (int rank = 0; rank < top.size() && beam < numBeams; rank++) {
                    Candidate c = top.get(rank);
                    if (stopping.isEos(c.token())) {
                        if (rank < numBeams) {
                            hypotheses[b].add(
                                    sequences[c.row()], c.score(), curLen - decoderPromptLen);
                        }
                    } else {
                        tokens[first + beam] = c.token();
                        sources[first + beam] = c.row();
                        nextScores[first + beam] = c.score();
                        beam++;
                    }
                }
                if (beam < numBeams) {
                    throw new IllegalStateException(
                            "beam search found fewer than num_beams non-eos candidates for row "
                                    + b);
                }
                done[b] = hypotheses[b].isDone(top.get(0).score(), curLen, decoderPromptLen);
            }
            sequences = Sequences.extend(sequences, sources, tokens);
            beamScores = nextScores;
            boolean[] finished = new boolean[rows];
            for (int r = 0; r < rows; r++) {
                finished[r] = done[r / numBeams];
            }
            listener.onStep(step, tokens, finished);
            if (allDone(done) || sequences[0].length >= stopping.maxLength()) {
                return finish(sequences, beamScores, hypotheses, done, decoderPromptLen, scores);
            }
            session.reorder(sources);
            logits = session.next(tokens);
        }
    }

    private int topCount() {
        return Math.max(2, 1 + stopping.eosTokenIds().length) * numBeams;
    }

    private SearchOutput finish(
            long[][] sequences,
            float[] beamScores,
            BeamHypotheses[] hypotheses,
            boolean[] done,
            int decoderPromptLen,
            List<float[][]> scores) {
        int batch = hypotheses.length;
        for (int b = 0; b < batch; b++) {
            if (!done[b]) {
                for (int j = 0; j < numBeams; j++) {
                    long[] tokens = sequences[b * numBeams + j];
                    hypotheses[b].add(
                            tokens, beamScores[b * numBeams + j], tokens.length - decoderPromptLen);
                }
            }
        }
        List<BeamHypotheses.Hypothesis> best = new ArrayList<>();
        for (BeamHypotheses h : hypotheses) {
            best.addAll(h.best(numReturnSequences));
        }
        int longest = best.stream().mapToInt(h -> h.tokens().length).max().orElseThrow();
        int width = Math.min(longest + 1, stopping.maxLength());
        long[][] out = new long[best.size()][width];
        float[] outScores = new float[best.size()];
        for (int i = 0; i < best.size(); i++) {
            long[] tokens = best.get(i).tokens();
            Arrays.fill(out[i], stopping.padTokenId());
            System.arraycopy(tokens, 0, out[i], 0, tokens.length);
            if (tokens.length < width) {
                out[i][tokens.length] = stopping.eosTokenIds()[0];
            }
            outScores[i] = (float) best.get(i).score();
        }
        return new SearchOutput(out, outScores, scores);
    }

    private static boolean allDone(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }
}
