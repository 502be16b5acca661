package org.delta4j.generate.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One (beam, id) pair of a beam search step.
 *
 * @param row the beam's row in the expanded batch
 * @param token the id
 * @param score the beam score plus the id's processed log-probability
 */
record Candidate(int row, long token, float score) {
    /**
     * {@code torch.topk} over the {@code num_beams * vocab} scores of one input row: the best
     * {@code count}, best first; on equal scores the lower flat index first.
     *
     * @param scores the step's scores, {@code [rows][vocab]}
     * @param first the input row's first beam
     * @param numBeams its beams
     * @param count how many to keep
     * @return the best pairs, best first
     */
    static List<Candidate> top(float[][] scores, int first, int numBeams, int count) {
        // a min-heap of the best so far: the worst (lowest score, then highest index) on top
        Comparator<long[]> worstFirst =
                Comparator.<long[]>comparingDouble(e -> Float.intBitsToFloat((int) e[1]))
                        .thenComparingLong(e -> -e[0]);
        PriorityQueue<long[]> heap = new PriorityQueue<>(count + 1, worstFirst);
        int vocab = scores[first].length;
        for (int beam = 0; beam < numBeams; beam++) {
            float[] row = scores[first + beam];
            for (int v = 0; v < vocab; v++) {
                long[] entry = {(long) beam * vocab + v, Float.floatToRawIntBits(row[v])};
                if (heap.size() < count) {
                    heap.add(entry);
                } else if (worstFirst.compare(entry, heap.peek()) > 0) {
                    heap.poll();
                    heap.add(entry);
                }
            }
        }
        List<Candidate> out = new ArrayList<>(heap.size());
        while (!heap.isEmpty()) {
            long[] e = heap.poll();
            out.add(
                    0,
                    new Candidate(
                            first + (int) (e[0] / vocab),
                            e[0] % vocab,
                            Float.intBitsToFloat((int) e[1])));
        }
        return out;
    }
}
