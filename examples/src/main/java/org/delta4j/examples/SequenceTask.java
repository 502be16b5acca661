package org.delta4j.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * A small learnable sequence-to-sequence task: random token sequences in, each token mapped by a
 * rule out (copy, or shift by one within the content tokens). Batches are named as HF BART expects:
 * {@code input_ids} and {@code decoder_input_ids} (the targets shifted right behind the decoder
 * start token); the labels are the targets.
 */
final class SequenceTask {
    private final String name;
    private final IntUnaryOperator rule;
    private final int firstToken;
    private final int vocab;
    private final int length;
    private final int decoderStart;

    private SequenceTask(
            String name,
            IntUnaryOperator rule,
            int firstToken,
            int vocab,
            int length,
            int decoderStart) {
        this.name = name;
        this.rule = rule;
        this.firstToken = firstToken;
        this.vocab = vocab;
        this.length = length;
        this.decoderStart = decoderStart;
    }

    /** Output = input. */
    static SequenceTask copy(int firstToken, int vocab, int length, int decoderStart) {
        return new SequenceTask("copy", t -> t, firstToken, vocab, length, decoderStart);
    }

    /** Output = the next content token of each input token, wrapping around. */
    static SequenceTask shift(int firstToken, int vocab, int length, int decoderStart) {
        int n = vocab - firstToken;
        return new SequenceTask(
                "shift",
                t -> firstToken + (t - firstToken + 1) % n,
                firstToken,
                vocab,
                length,
                decoderStart);
    }

    String name() {
        return name;
    }

    /**
     * @param manager where the arrays go
     * @param random the source of tokens
     * @param batch how many sequences
     * @return the inputs ([0]) and the labels ([1])
     */
    NDList[] batch(NDManager manager, Random random, int batch) {
        long[] in = new long[batch * length];
        long[] decoderIn = new long[batch * length];
        long[] labels = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < length; i++) {
                int token = firstToken + random.nextInt(vocab - firstToken);
                in[b * length + i] = token;
                labels[b * length + i] = rule.applyAsInt(token);
            }
            decoderIn[b * length] = decoderStart;
            System.arraycopy(labels, b * length, decoderIn, b * length + 1, length - 1);
        }
        Shape shape = new Shape(batch, length);
        NDArray inputIds = manager.create(in, shape);
        inputIds.setName("input_ids");
        NDArray decoderInputIds = manager.create(decoderIn, shape);
        decoderInputIds.setName("decoder_input_ids");
        return new NDList[] {
            new NDList(inputIds, decoderInputIds), new NDList(manager.create(labels, shape))
        };
    }
}
