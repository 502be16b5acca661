package org.delta4j.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.util.PairList;
import java.util.function.Supplier;
import org.delta4j.nn.LayerScope;

/**
 * The rotary cosines and sines of one forward pass of a Llama-family model, shared by its layers.
 * HF 4.38 recomputes them in every layer's {@code rotary_emb}; every layer rotates the same
 * positions by the same frequencies, so here the first layer's {@link LlamaRotaryEmbedding}
 * computes them and the others get the same arrays (newer HF versions compute them once in the
 * model, too).
 *
 * <p>The model puts one instance in the extra parameters of each pass ({@link #share}), so a pass
 * on another thread never sees it. The tables belong to the pass's manager ({@link
 * LayerScope#passManager}): the layer that computes them frees its own intermediates when it
 * returns, and the tables must outlive it.
 */
final class RotaryTables {
    /** The key of the tables in a forward pass's extra parameters. */
    static final String PARAM = "delta4j.rotary_tables";

    private NDArray positions;
    private NDList tables;

    private RotaryTables() {}

    /**
     * @param params a pass's extra parameters, possibly null
     * @return a copy of them with a fresh, empty instance added, for the pass's layers
     */
    static PairList<String, Object> share(PairList<String, Object> params) {
        // Not PairList's copy constructor: it shares the caller's lists.
        PairList<String, Object> shared = new PairList<>();
        if (params != null) {
            params.forEach(shared::add);
        }
        shared.add(PARAM, new RotaryTables());
        return shared;
    }

    /**
     * @param params a forward pass's extra parameters, possibly null
     * @return the tables of the pass, or null when a rotary embedding runs outside a model's pass
     */
    static RotaryTables of(PairList<String, Object> params) {
        return params == null ? null : (RotaryTables) params.get(PARAM);
    }

    /**
     * @param positions the pass's {@code position_ids}
     * @param compute computes the tables of {@code positions}
     * @return the tables computed for these positions earlier in the pass, or computed now
     */
    NDList of(NDArray positions, Supplier<NDList> compute) {
        if (positions != this.positions) {
            NDList made = compute.get();
            made.attach(LayerScope.passManager(made.head()));
            this.positions = positions;
            this.tables = made;
        }
        return tables;
    }
}
