package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.delta4j.models.text.PromptBatch;
import org.delta4j.serve.BatchRow;
import org.delta4j.serve.BucketLimits;
import org.delta4j.serve.BucketedInference;
import org.delta4j.serve.Inference;

/**
 * A workload of requests of mixed lengths, served on the calling thread (all intra-op threads) one
 * of three ways: each request alone, in batches in arrival order (each padded to its own longest
 * row), or bucketed by length ({@link BucketedInference}). Every way reads each request's pooled
 * output.
 */
final class MixedCase implements BenchCase {
    /** How the requests are grouped. */
    enum Grouping {
        SINGLE,
        ARRIVAL,
        BUCKETED
    }

    private final Model model;
    private final List<long[]> requests;
    private final Grouping grouping;
    private final int batch;
    private final long padId;
    private final BucketedInference bucketed;

    /**
     * @param model the model; closed with the case
     * @param requests each request's {@code input_ids}
     * @param grouping how they are grouped
     * @param batch the most requests in one batch
     * @param longest the longest request, which bounds a batch's padded tokens
     * @param padId the model's pad id
     */
    MixedCase(
            Model model,
            List<long[]> requests,
            Grouping grouping,
            int batch,
            int longest,
            long padId) {
        this.model = model;
        this.requests = requests;
        this.grouping = grouping;
        this.batch = grouping == Grouping.SINGLE ? 1 : batch;
        this.padId = padId;
        this.bucketed =
                new BucketedInference(
                        model.getBlock(), padId, new BucketLimits(batch, (long) batch * longest));
    }

    @Override
    public void runOnce() {
        NDManager parent = model.getNDManager();
        if (grouping == Grouping.BUCKETED) {
            bucketed.run(parent, requests, row -> row.values("pooler_output"));
            return;
        }
        for (int start = 0; start < requests.size(); start += batch) {
            PromptBatch padded =
                    PromptBatch.pad(
                            requests.subList(start, Math.min(requests.size(), start + batch)),
                            padId,
                            false);
            Inference.run(
                    model.getBlock(),
                    parent,
                    padded::toInputs,
                    out -> readRows(out, padded.inputIds().length));
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /** Reads every row as the bucketed way does, so that all three do the same work per request. */
    private static float[][] readRows(NDList outputs, int rows) {
        float[][] values = new float[rows][];
        for (int r = 0; r < rows; r++) {
            values[r] = new BatchRow(outputs, r, 0).values("pooler_output");
        }
        return values;
    }
}
