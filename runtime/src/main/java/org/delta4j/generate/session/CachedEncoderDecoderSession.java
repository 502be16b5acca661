package org.delta4j.generate.session;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.models.EncoderOutputs;
import org.delta4j.tree.ModuleTree;

/**
 * A cached session on an encoder-decoder model ({@link HasEncoder}, taking {@code
 * encoder_outputs}): the first step runs the encoder once (a soft prompt on it included), keeps its
 * states and returned mask, and runs the decoder start id; every step after runs one decoder token
 * against the cached keys and values.
 */
final class CachedEncoderDecoderSession extends CachedSession {
    private static final List<String> NAMES =
            List.of(
                    EncoderOutputs.NAME,
                    "attention_mask",
                    "decoder_input_ids",
                    "decoder_attention_mask");

    private final long[][] inputIds;
    private final long[][] attentionMask;
    private final long startId;
    private NDArray encoderStates;
    private NDArray encoderMask;

    CachedEncoderDecoderSession(
            Block model,
            int vocabSize,
            long[][] inputIds,
            long[][] attentionMask,
            long startId,
            NDManager manager) {
        super(model, vocabSize, inputIds.length, manager);
        this.inputIds = CachedDecoderSession.copy(inputIds);
        this.attentionMask = CachedDecoderSession.copy(attentionMask);
        this.startId = startId;
    }

    @Override
    public long[][] initialSequences() {
        long[][] out = new long[rows()][];
        for (int r = 0; r < rows(); r++) {
            out[r] = new long[] {startId};
        }
        return out;
    }

    @Override
    NDList startInputs(NDManager step) {
        Block encoder = ModuleTree.of(model()).module(((HasEncoder) model()).encoderPath()).block();
        NDList encoded =
                forward(
                        encoder,
                        new ParameterStore(step, false),
                        new NDList(step.create(inputIds), step.create(attentionMask)));
        // The states outlive the step: every step's cross-attention mask needs the encoder's mask.
        encoderStates = encoded.get(0);
        encoderMask = encoded.get(1);
        encoderStates.attach(manager());
        encoderMask.attach(manager());
        long[] start = new long[rows()];
        Arrays.fill(start, startId);
        return inputs(step, start);
    }

    @Override
    NDList nextInputs(NDManager step, long[] tokens) {
        return inputs(step, tokens);
    }

    @Override
    void reorderState(int[] sources) {
        // The encoder states of a row's sources are equal: beams of one input share them.
    }

    private NDList inputs(NDManager step, long[] tokens) {
        long rows = rows();
        // Lent to the step, so what it computes from them (the cross-attention mask) goes with it.
        encoderStates.tempAttach(step);
        encoderMask.tempAttach(step);
        List<NDArray> arrays =
                List.of(
                        encoderStates,
                        encoderMask,
                        step.create(tokens).reshape(rows, 1),
                        step.ones(new Shape(rows, cachedLength() + 1), DataType.INT64));
        return NamedInputs.named(arrays, NAMES);
    }
}
