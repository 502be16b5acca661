package org.delta4j.generate.session;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.List;
import org.delta4j.backbone.NamedInputs;

/**
 * A cached session on a decoder-only model (GPT-2's inputs {@code input_ids}, {@code
 * attention_mask}, {@code position_ids}; output {@code logits}). Rows may be left-padded: each
 * position is HF's {@code cumsum(attention_mask) - 1} (1 under padding), and the mask grows by a
 * column of ones per step.
 */
final class CachedDecoderSession extends CachedSession {
    private static final List<String> NAMES =
            List.of("input_ids", "attention_mask", "position_ids");

    private final long[][] prompt;
    private long[][] mask;
    // The next token's position in each row: the number of ones in its mask so far.
    private long[] nextPosition;

    CachedDecoderSession(
            Block model,
            int vocabSize,
            long[][] inputIds,
            long[][] attentionMask,
            NDManager manager) {
        super(model, vocabSize, inputIds.length, manager);
        this.prompt = copy(inputIds);
        this.mask = copy(attentionMask);
        this.nextPosition = new long[inputIds.length];
    }

    @Override
    public long[][] initialSequences() {
        return copy(prompt);
    }

    @Override
    NDList startInputs(NDManager step) {
        long[][] positions = new long[rows()][];
        for (int r = 0; r < rows(); r++) {
            positions[r] = new long[mask[r].length];
            long seen = 0;
            for (int i = 0; i < mask[r].length; i++) {
                seen += mask[r][i];
                positions[r][i] = mask[r][i] == 0 ? 1 : seen - 1;
            }
            nextPosition[r] = seen;
        }
        return inputs(step, prompt, positions);
    }

    @Override
    NDList nextInputs(NDManager step, long[] tokens) {
        long[][] ids = new long[rows()][];
        long[][] positions = new long[rows()][];
        for (int r = 0; r < rows(); r++) {
            ids[r] = new long[] {tokens[r]};
            positions[r] = new long[] {nextPosition[r]++};
            mask[r] = Arrays.copyOf(mask[r], mask[r].length + 1);
            mask[r][mask[r].length - 1] = 1;
        }
        return inputs(step, ids, positions);
    }

    @Override
    void reorderState(int[] sources) {
        long[][] reordered = new long[rows()][];
        long[] positions = new long[rows()];
        for (int r = 0; r < rows(); r++) {
            reordered[r] = mask[sources[r]].clone();
            positions[r] = nextPosition[sources[r]];
        }
        mask = reordered;
        nextPosition = positions;
    }

    private NDList inputs(NDManager step, long[][] ids, long[][] positions) {
        List<NDArray> arrays = List.of(step.create(ids), step.create(mask), step.create(positions));
        return NamedInputs.named(arrays, NAMES);
    }

    /**
     * @param rows rows of ids or mask values
     * @return a deep copy
     */
    static long[][] copy(long[][] rows) {
        long[][] out = new long[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r].clone();
        }
        return out;
    }
}
