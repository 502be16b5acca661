package org.delta4j.generate.search;

import java.util.Arrays;
import java.util.Map;
import org.delta4j.generate.session.DecodingSession;

/**
 * A fake model: each row's next-token logits are {@code ln(p)} of a fixed distribution chosen by
 * the row's last token, so log-softmax gives back {@code ln(p)} and a search's scores can be worked
 * out by hand.
 */
public final class TableSession implements DecodingSession {
    private final Map<Long, double[]> table;
    private long[][] rows;
    private int steps;

    /**
     * @param start the rows' initial sequences
     * @param table for each last token, the next-token probabilities
     */
    public TableSession(long[][] start, Map<Long, double[]> table) {
        this.rows = start;
        this.table = table;
    }

    /**
     * @return how many times the model ran
     */
    public int steps() {
        return steps;
    }

    @Override
    public int vocabSize() {
        return table.values().iterator().next().length;
    }

    @Override
    public long[][] initialSequences() {
        long[][] out = new long[rows.length][];
        Arrays.setAll(out, r -> rows[r].clone());
        return out;
    }

    @Override
    public float[][] start() {
        return logits();
    }

    @Override
    public float[][] next(long[] tokens) {
        long[][] next = new long[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            next[r] = Arrays.copyOf(rows[r], rows[r].length + 1);
            next[r][rows[r].length] = tokens[r];
        }
        rows = next;
        return logits();
    }

    @Override
    public void reorder(int[] sources) {
        long[][] next = new long[rows.length][];
        Arrays.setAll(next, r -> rows[sources[r]]);
        rows = next;
    }

    @Override
    public void close() {}

    private float[][] logits() {
        steps++;
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double[] p = table.get(rows[r][rows[r].length - 1]);
            out[r] = new float[p.length];
            for (int v = 0; v < p.length; v++) {
                out[r][v] = (float) Math.log(p[v]);
            }
        }
        return out;
    }
}
