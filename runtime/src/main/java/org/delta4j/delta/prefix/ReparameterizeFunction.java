package org.delta4j.delta.prefix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.UnaryOperator;
import org.delta4j.delta.adapter.Activations;
import org.delta4j.delta.host.InputLayer;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.LayerScope;
import org.delta4j.nn.Linear;
import org.delta4j.nn.ModuleList;
import org.delta4j.nn.Sequential;

/**
 * OpenDelta's {@code ReparameterizeFunction}: the prefixes of all prefix layers of a delta,
 * computed by an MLP, {@code control_trans(wte(input_tokens))} of shape {@code [p, 2 * layers *
 * hidden]}, each layer's key and value a slice of it. It runs before the first modified module,
 * once per forward pass. Children as OpenDelta's: {@code module_list} (the prefix layers), {@code
 * wte [p, embed_dim]}, {@code control_trans} ({@code 0}: embed to mid, {@code 1}: tanh, {@code 2}:
 * mid to {@code 2 * layers * hidden}); the non-trained {@code input_tokens} are {@code 0..p-1}.
 * OpenDelta's dropout on the prefixes defaults to 0 and is left out.
 */
public final class ReparameterizeFunction extends InputLayer {
    private final Parameter inputTokens;
    private final Child wte;
    private final Child controlTrans;
    private final long tokens;
    private final long layers;
    private final long hidden;
    private final PrefixValues values;

    ReparameterizeFunction(
            PrefixSpec spec, long hidden, List<PrefixLayer> prefixLayers, PrefixValues values) {
        this.tokens = spec.prefixTokenNum();
        this.layers = prefixLayers.size();
        this.hidden = hidden;
        this.values = values;
        values.computedBy(this);
        long count = tokens;
        this.inputTokens =
                addParameter(
                        Parameter.builder()
                                .setName("input_tokens")
                                .setType(Parameter.Type.OTHER)
                                .optShape(new Shape(tokens))
                                .optInitializer(
                                        (m, shape, type) -> m.arange(0, count, 1, DataType.INT64))
                                .optRequiresGrad(false)
                                .build());
        child("module_list", new ModuleList(prefixLayers));
        // PyTorch's defaults, as OpenDelta builds these from plain nn.Embedding and nn.Linear.
        this.wte = child("wte", Embedding.create(tokens, spec.embedDim(), 1f));
        this.controlTrans =
                child(
                        "control_trans",
                        new Sequential()
                                .append("0", Linear.torchDefault(spec.embedDim(), spec.midDim()))
                                .append("1", new Activations("tanh"))
                                .append(
                                        "2",
                                        Linear.torchDefault(spec.midDim(), 2 * layers * hidden)));
    }

    @Override
    public NDList before(ParameterStore ps, NDList inputs, boolean training) {
        compute(ps, inputs.head(), training);
        return inputs;
    }

    /**
     * Computes every prefix layer's keys and values for this pass.
     *
     * @param caller an array of the pass, whose manager and device the results take
     */
    void compute(ParameterStore ps, NDArray caller, boolean training) {
        NDArray buffer = ps.getValue(inputTokens, caller.getDevice(), training);
        // A view the pass owns: a lookup's result belongs to its ids' manager, and with the
        // buffer's (the model's) so would all that follows.
        NDArray ids = Functional.onParameter(buffer, UnaryOperator.identity(), caller);
        NDList embedded = wte.forward(ps, new NDList(ids), training);
        NDArray all =
                controlTrans
                        .forward(ps, embedded, training)
                        .head()
                        .reshape(tokens, 2 * layers, hidden)
                        .transpose(1, 0, 2);
        // Later layers read these: they belong to the pass, not to the layer computing them.
        NDManager pass = LayerScope.passManager(caller);
        for (int i = 0; i < layers; i++) {
            NDArray key = all.get(2 * i);
            NDArray value = all.get(2 * i + 1);
            key.attach(pass);
            value.attach(pass);
            values.set(i, key, value);
        }
    }
}
