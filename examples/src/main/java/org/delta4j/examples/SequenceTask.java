package org.delta4j.examples;

import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.delta4j.train.data.Batch;
import org.delta4j.train.data.Batches;

/**
 * A small learnable sequence-to-sequence task: random token sequences in, each token mapped by a
 * rule out (copy, or shift by one within the content tokens). The targets are per-token labels; the
 * trainer feeds BART's decoder with them shifted right, as HF does.
 */
final class SequenceTask {
    /** Batches in an epoch of the endless random data; only the order of steps depends on it. */
    static final int BATCHES_PER_EPOCH = 1000;

    private final String name;
    private final IntUnaryOperator rule;
    private final int firstToken;
    private final int vocab;
    private final int length;

    private SequenceTask(
            String name, IntUnaryOperator rule, int firstToken, int vocab, int length) {
        this.name = name;
        this.rule = rule;
        this.firstToken = firstToken;
        this.vocab = vocab;
        this.length = length;
    }

    /** Output = input. */
    static SequenceTask copy(int firstToken, int vocab, int length) {
        return new SequenceTask("copy", t -> t, firstToken, vocab, length);
    }

    /** Output = the next content token of each input token, wrapping around. */
    static SequenceTask shift(int firstToken, int vocab, int length) {
        int n = vocab - firstToken;
        return new SequenceTask(
                "shift", t -> firstToken + (t - firstToken + 1) % n, firstToken, vocab, length);
    }

    String name() {
        return name;
    }

    /**
     * @param random the source of tokens
     * @param rows how many sequences
     * @return a batch of sequences and their targets, as per-token labels
     */
    Batch batch(Random random, int rows) {
        long[][] inputIds = new long[rows][length];
        long[][] mask = new long[rows][length];
        long[][] labels = new long[rows][length];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < length; i++) {
                int token = firstToken + random.nextInt(vocab - firstToken);
                inputIds[r][i] = token;
                mask[r][i] = 1;
                labels[r][i] = rule.applyAsInt(token);
            }
        }
        return new Batch(inputIds, mask, null, labels, null, null);
    }

    /**
     * @param rows sequences per batch
     * @param seed the seed; batch {@code (epoch, index)} is the same for the same seed
     * @return fresh random batches, {@value #BATCHES_PER_EPOCH} an epoch
     */
    Batches batches(int rows, long seed) {
        return new Batches() {
            @Override
            public int perEpoch() {
                return BATCHES_PER_EPOCH;
            }

            @Override
            public Batch get(int epoch, int index) {
                return batch(new Random(seed + (long) epoch * BATCHES_PER_EPOCH + index), rows);
            }
        };
    }

    /**
     * @param batch a batch
     * @return a set of that one batch
     */
    static Batches only(Batch batch) {
        return new Batches() {
            @Override
            public int perEpoch() {
                return 1;
            }

            @Override
            public Batch get(int epoch, int index) {
                return batch;
            }
        };
    }
}
