package org.delta4j.generate.session;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.models.ModelInputs;
import org.delta4j.nn.NoGrad;

/**
 * A session without a key/value cache (transformers' {@code use_cache=False}): every step runs the
 * model on the whole sequence so far and takes the last position's logits. Decoder-only: {@code
 * input_ids} = prompt and new tokens, {@code attention_mask} = the prompt's mask followed by ones,
 * {@code position_ids} = {@code cumsum(mask) - 1}, 1 where the mask is 0 (transformers 4.38's GPT-2
 * rule). Encoder-decoder: the encoder inputs every step and {@code decoder_input_ids} = the decoder
 * sequence, start id first.
 *
 * <p>Each step's arrays live in a sub-manager closed after the step, under no-grad, so memory does
 * not grow with the steps; the cost of a step grows with the sequence length.
 */
public final class RecomputingSession implements DecodingSession {
    private final Block model;
    private final ModelKind kind;
    private final long[][] encoderIds;
    private final long[][] encoderMask;
    private final NDManager manager;
    private final long[][] initial;
    private long[][] sequences;
    private long[][] masks;
    private int vocabSize = -1;
    private boolean started;

    /**
     * @param inputs the model and the expanded rows
     */
    public RecomputingSession(SessionInputs inputs) {
        this.model = inputs.model();
        this.kind = inputs.kind();
        this.encoderIds = copy(inputs.inputIds());
        this.encoderMask = copy(inputs.attentionMask());
        if (kind == ModelKind.DECODER_ONLY) {
            sequences = copy(encoderIds);
            masks = copy(encoderMask);
        } else {
            sequences = new long[encoderIds.length][];
            Arrays.setAll(sequences, r -> new long[] {inputs.decoderStartTokenId()});
        }
        this.initial = copy(sequences);
        this.manager = NDManager.newBaseManager();
    }

    /**
     * @return an opener of recomputing sessions
     */
    public static SessionOpener opener() {
        return RecomputingSession::new;
    }

    @Override
    public int vocabSize() {
        if (vocabSize < 0) {
            throw new IllegalStateException("the vocabulary size is known after start()");
        }
        return vocabSize;
    }

    @Override
    public long[][] initialSequences() {
        return copy(initial);
    }

    @Override
    public float[][] start() {
        if (started) {
            throw new IllegalStateException("start() runs once, first");
        }
        started = true;
        return run();
    }

    @Override
    public float[][] next(long[] tokens) {
        if (!started) {
            throw new IllegalStateException("start() must run before next()");
        }
        if (tokens.length != sequences.length) {
            throw new IllegalArgumentException(
                    "next() needs one token per row: "
                            + sequences.length
                            + ", got "
                            + tokens.length);
        }
        for (int r = 0; r < sequences.length; r++) {
            sequences[r] = append(sequences[r], tokens[r]);
            if (masks != null) {
                masks[r] = append(masks[r], 1);
            }
        }
        return run();
    }

    @Override
    public void reorder(int[] sources) {
        sequences = pick(sequences, sources);
        if (masks != null) {
            masks = pick(masks, sources);
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * @return how many arrays the session holds between steps (its steps close theirs: 0)
     */
    int heldArrays() {
        return manager.getManagedArrays().size();
    }

    private float[][] run() {
        try (NDManager step = manager.newSubManager()) {
            NDList inputs = ModelInputs.of(step, modelInputs());
            float[] flat =
                    NoGrad.run(
                            () -> {
                                NDArray logits =
                                        model.forward(
                                                        new ParameterStore(step, false),
                                                        inputs,
                                                        false)
                                                .get(0);
                                return logits.get(new NDIndex(":, -1, :")).toFloatArray();
                            });
            int rows = sequences.length;
            vocabSize = flat.length / rows;
            float[][] out = new float[rows][];
            for (int r = 0; r < rows; r++) {
                out[r] = Arrays.copyOfRange(flat, r * vocabSize, (r + 1) * vocabSize);
            }
            return out;
        }
    }

    private Map<String, long[][]> modelInputs() {
        Map<String, long[][]> inputs = new LinkedHashMap<>();
        if (kind == ModelKind.DECODER_ONLY) {
            inputs.put("input_ids", sequences);
            inputs.put("attention_mask", masks);
            inputs.put("position_ids", positions(masks));
        } else {
            inputs.put("input_ids", encoderIds);
            inputs.put("attention_mask", encoderMask);
            inputs.put("decoder_input_ids", sequences);
        }
        return inputs;
    }

    /**
     * @param masks attention masks {@code [rows][length]}
     * @return {@code cumsum(mask) - 1}, 1 where the mask is 0, as transformers 4.38 derives GPT-2's
     *     positions in {@code generate}
     */
    static long[][] positions(long[][] masks) {
        long[][] out = new long[masks.length][];
        for (int r = 0; r < masks.length; r++) {
            out[r] = new long[masks[r].length];
            long sum = 0;
            for (int i = 0; i < masks[r].length; i++) {
                sum += masks[r][i];
                out[r][i] = masks[r][i] == 0 ? 1 : sum - 1;
            }
        }
        return out;
    }

    private static long[] append(long[] row, long value) {
        long[] out = Arrays.copyOf(row, row.length + 1);
        out[row.length] = value;
        return out;
    }

    private static long[][] pick(long[][] rows, int[] sources) {
        if (sources.length != rows.length) {
            throw new IllegalArgumentException(
                    "reorder() needs one source per row: "
                            + rows.length
                            + ", got "
                            + sources.length);
        }
        long[][] out = new long[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[sources[r]];
        }
        return out;
    }

    private static long[][] copy(long[][] rows) {
        long[][] out = new long[rows.length][];
        Arrays.setAll(out, r -> rows[r].clone());
        return out;
    }
}
