package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.delta4j.models.ModelInputs;
import org.delta4j.serve.Inference;
import org.delta4j.serve.InferenceWorkers;

/**
 * Serving fixed-length requests (one sequence each) with {@link InferenceWorkers}: one run submits
 * every request and waits for all.
 */
final class WorkersCase implements BenchCase {
    private final Model model;
    private final InferenceWorkers workers;
    private final List<long[][]> requests;

    /**
     * @param model the model; closed with the case
     * @param workers the workers; closed with the case
     * @param requests each request's {@code input_ids}, {@code [1, length]}
     */
    WorkersCase(Model model, InferenceWorkers workers, List<long[][]> requests) {
        this.model = model;
        this.workers = workers;
        this.requests = requests;
    }

    @Override
    public void runOnce() {
        List<Future<Float>> results = new ArrayList<>(requests.size());
        for (long[][] ids : requests) {
            results.add(
                    workers.submit(
                            request -> {
                                NDList in = ModelInputs.of(request, Map.of("input_ids", ids));
                                NDList out = Inference.forward(model.getBlock(), request, in);
                                return out.get("pooler_output").getFloat(0, 0);
                            }));
        }
        try {
            for (Future<Float> result : results) {
                result.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a request failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        workers.close();
        model.close();
    }
}
