package org.delta4j.serve;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.delta4j.models.HasInputLimits;
import org.delta4j.models.InputLimits;
import org.delta4j.models.text.PromptBatch;
import org.delta4j.nn.NoGrad;

/**
 * Runs many requests (token ids of different lengths) through one model in padded batches planned
 * by {@link BucketPlanner}: each batch is padded on the right to its own longest row, with {@code
 * attention_mask} 0 on the padding, and each request gets its own row of the outputs back, in the
 * caller's order. Right padding leaves every request's tokens at the positions they would have
 * alone, so an encoder's outputs (BERT, RoBERTa, DistilBERT, the encoders of BART and T5) and a
 * causal model's (GPT-2, the Llama family: padding after a token cannot change it) equal those of
 * the request run alone. Each batch runs in a manager of its own, closed after its rows are read,
 * with gradient recording off ({@link Inference}).
 *
 * <p>Immutable; one instance may serve any number of threads.
 */
public final class BucketedInference {
    private final Block model;
    private final long padId;
    private final BucketLimits limits;

    /**
     * @param model the model; it takes {@code input_ids} and {@code attention_mask}
     * @param padId the id written on padding, which the mask hides: the model's {@code
     *     pad_token_id} ({@code PadId.resolve} finds it as training does; RoBERTa needs its own, as
     *     it numbers positions from the non-pad tokens)
     * @param limits the bounds of one batch
     * @throws IllegalArgumentException when the pad id is not a token id of the model
     */
    public BucketedInference(Block model, long padId, BucketLimits limits) {
        long vocab =
                model instanceof HasInputLimits m ? m.inputLimits().vocabSize() : Long.MAX_VALUE;
        if (padId < 0 || padId >= vocab) {
            throw new IllegalArgumentException(
                    "padId must be a token id of the model (0.."
                            + (vocab - 1)
                            + "), got "
                            + padId
                            + "; use the config's pad_token_id");
        }
        this.model = model;
        this.padId = padId;
        this.limits = limits;
    }

    /**
     * @param parent the manager under which each batch's manager opens
     * @param requests each request's {@code input_ids}, at least one request, none empty
     * @param reader turns a request's row of the outputs into its result
     * @param <T> the result type
     * @return each request's result, in the order of {@code requests}
     * @throws IllegalArgumentException when there are no requests, a request is empty or longer
     *     than the model or the limits take, or the model refuses a batch (an id outside the
     *     vocabulary), naming the requests concerned
     */
    public <T> List<T> run(NDManager parent, List<long[]> requests, RowReader<T> reader) {
        int[] lengths = lengths(requests);
        List<T> results = new ArrayList<>(requests.size());
        for (int i = 0; i < lengths.length; i++) {
            results.add(null);
        }
        for (Bucket bucket : BucketPlanner.plan(lengths, limits)) {
            List<long[]> rows = new ArrayList<>(bucket.requests().length);
            for (int r : bucket.requests()) {
                rows.add(requests.get(r));
            }
            PromptBatch batch = PromptBatch.pad(rows, padId, false);
            try (NDManager scope = parent.newSubManager()) {
                NDList outputs = forward(scope, batch, bucket);
                NoGrad.run(
                        () -> {
                            for (int row = 0; row < rows.size(); row++) {
                                int r = bucket.requests()[row];
                                results.set(r, reader.read(new BatchRow(outputs, row, lengths[r])));
                            }
                        });
            }
        }
        return results;
    }

    private NDList forward(NDManager scope, PromptBatch batch, Bucket bucket) {
        try {
            return Inference.forward(model, scope, batch.toInputs(scope));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "requests " + Arrays.toString(bucket.requests()) + ": " + e.getMessage(), e);
        }
    }

    /** The requests' lengths, each checked against the model's longest input when it has one. */
    private int[] lengths(List<long[]> requests) {
        InputLimits modelLimits = model instanceof HasInputLimits m ? m.inputLimits() : null;
        int[] lengths = new int[requests.size()];
        for (int i = 0; i < lengths.length; i++) {
            long[] ids = requests.get(i);
            if (ids == null) {
                throw new IllegalArgumentException("request " + i + " is null; give its input_ids");
            }
            lengths[i] = ids.length;
            if (modelLimits != null) {
                modelLimits.requireLength(ids.length, "request " + i);
            }
        }
        return lengths;
    }
}
