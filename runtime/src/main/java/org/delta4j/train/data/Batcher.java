package org.delta4j.train.data;

import java.util.Arrays;
import org.delta4j.train.task.Losses;
import org.delta4j.train.task.Task;

/**
 * The batches of a set of rows: consecutive rows of each epoch's order, the last batch possibly
 * smaller (as HF's default {@code dataloader_drop_last=False}), padded on the right to the longest
 * row of the batch: {@code input_ids} with the pad id, {@code attention_mask} and {@code
 * token_type_ids} with 0, per-token labels with {@code -100} (seq2seq targets to the longest target
 * of the batch). Rows of equal length come out as they are.
 *
 * <p>Batches are built when asked for; only the current epoch's order is kept. Safe to share
 * between threads.
 */
public final class Batcher implements Batches {
    private final TrainingRows rows;
    private final int batchSize;
    private final long padId;
    private final Long seed;
    private volatile Order order;

    /** An epoch's permutation, kept while that epoch is read. */
    private record Order(int epoch, int[] rows) {}

    private Batcher(TrainingRows rows, int batchSize, long padId, Long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "the batch size must be at least 1, got " + batchSize);
        }
        if (padId < 0 || padId >= rows.rules().vocabSize()) {
            throw new IllegalArgumentException(
                    "the pad id "
                            + padId
                            + " is outside the vocabulary 0.."
                            + (rows.rules().vocabSize() - 1)
                            + "; see PadId.resolve");
        }
        this.rows = rows;
        this.batchSize = batchSize;
        this.padId = padId;
        this.seed = seed;
    }

    /**
     * @param rows the rows
     * @param batchSize the rows per batch, at least 1
     * @param padId the id that pads {@code input_ids} ({@link PadId#resolve})
     * @return the rows in the file's order, every epoch
     * @throws IllegalArgumentException when the batch size or the pad id is out of range
     */
    public static Batcher inOrder(TrainingRows rows, int batchSize, long padId) {
        return new Batcher(rows, batchSize, padId, null);
    }

    /**
     * @param rows the rows
     * @param batchSize the rows per batch, at least 1
     * @param padId the id that pads {@code input_ids} ({@link PadId#resolve})
     * @param seed the seed: each epoch's order is a permutation given by the seed and the epoch
     * @return the rows in a new order every epoch
     * @throws IllegalArgumentException when the batch size or the pad id is out of range
     */
    public static Batcher shuffled(TrainingRows rows, int batchSize, long padId, long seed) {
        return new Batcher(rows, batchSize, padId, seed);
    }

    /**
     * @return the number of rows
     */
    public int rows() {
        return rows.size();
    }

    /**
     * @return the rows per batch (the last batch of an epoch may have fewer)
     */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int perEpoch() {
        return (rows.size() + batchSize - 1) / batchSize;
    }

    @Override
    public Batch get(int epoch, int index) {
        if (epoch < 0 || index < 0 || index >= perEpoch()) {
            throw new IndexOutOfBoundsException(
                    "batch "
                            + index
                            + " of epoch "
                            + epoch
                            + ": epochs count from 0 and each has batches 0.."
                            + (perEpoch() - 1));
        }
        int first = index * batchSize;
        Row[] batch = new Row[Math.min(batchSize, rows.size() - first)];
        int[] order = seed == null ? null : order(epoch);
        for (int r = 0; r < batch.length; r++) {
            batch[r] = rows.get(order == null ? first + r : order[first + r]);
        }
        return pad(batch);
    }

    private int[] order(int epoch) {
        Order current = order;
        if (current == null || current.epoch() != epoch) {
            current = new Order(epoch, EpochOrder.permutation(rows.size(), seed, epoch));
            order = current;
        }
        return current.rows();
    }

    private Batch pad(Row[] batch) {
        int length = 0;
        int labelLength = 0;
        boolean typed = false;
        for (Row row : batch) {
            length = Math.max(length, row.inputIds().length);
            typed |= row.tokenTypeIds() != null;
            if (row.tokenLabels() != null) {
                labelLength = Math.max(labelLength, row.tokenLabels().length);
            }
        }
        long[][] ids = new long[batch.length][];
        long[][] mask = new long[batch.length][];
        long[][] types = typed ? new long[batch.length][] : null;
        for (int r = 0; r < batch.length; r++) {
            ids[r] = padded(batch[r].inputIds(), length, padId);
            mask[r] = padded(batch[r].attentionMask(), length, 0);
            if (typed) {
                int[] rowTypes = batch[r].tokenTypeIds();
                types[r] = padded(rowTypes == null ? new int[0] : rowTypes, length, 0);
            }
        }
        Task task = rows.rules().task();
        if (task != Task.SEQUENCE_CLASSIFICATION) {
            // Causal-LM labels align with the inputs; seq2seq targets have their own length.
            int target = task == Task.CAUSAL_LM ? length : labelLength;
            long[][] labels = new long[batch.length][];
            for (int r = 0; r < batch.length; r++) {
                labels[r] = padded(batch[r].tokenLabels(), target, Losses.IGNORE_INDEX);
            }
            return new Batch(ids, mask, types, labels, null, null);
        }
        if (rows.rules().regression()) {
            float[] targets = new float[batch.length];
            for (int r = 0; r < batch.length; r++) {
                targets[r] = batch[r].regressionTarget();
            }
            return new Batch(ids, mask, types, null, null, targets);
        }
        long[] classes = new long[batch.length];
        for (int r = 0; r < batch.length; r++) {
            classes[r] = batch[r].classLabel();
        }
        return new Batch(ids, mask, types, null, classes, null);
    }

    private static long[] padded(int[] values, int length, long fill) {
        long[] out = new long[length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        Arrays.fill(out, values.length, length, fill);
        return out;
    }
}
