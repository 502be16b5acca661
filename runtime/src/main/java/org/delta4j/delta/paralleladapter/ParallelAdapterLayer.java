package org.delta4j.delta.paralleladapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.delta.adapter.AdapterLayer;
import org.delta4j.delta.host.DeltaLayer;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.LayerScope;

/**
 * OpenDelta's {@code ParallelAdapterLayer}: an adapter from one module's input to another module's
 * output (or the same module's): {@code out(x) = f(x) + scaled * up(act(down(x_in)))}. Its {@code
 * before} hook runs on the first module and keeps the adapter's output; its {@code after} hook adds
 * it to the second module's output. The kept output is the calling thread's, so forward passes in
 * several threads at once each add their own.
 */
public final class ParallelAdapterLayer extends HfBlock implements DeltaLayer {
    private final Child modulelist;
    private final float scaled;
    private final ThreadLocal<NDArray> pending = new ThreadLocal<>();

    /**
     * @param in the first module's input size
     * @param bottleneck the bottleneck size
     * @param out the second module's output size
     * @param nonLinearity the activation's name
     * @param scaled the factor on the adapter's output
     */
    public ParallelAdapterLayer(
            long in, int bottleneck, long out, String nonLinearity, float scaled) {
        this.modulelist =
                child("modulelist", AdapterLayer.bottleneck(in, bottleneck, out, nonLinearity));
        this.scaled = scaled;
    }

    @Override
    public NDList before(ParameterStore ps, NDList inputs, boolean training) {
        NDArray out = forward(ps, new NDList(inputs.head()), training).head();
        // The second module may sit in a later layer: the output belongs to the pass, not to a
        // layer's scope that closes before that module runs.
        out.attach(LayerScope.passManager(out));
        pending.set(out);
        return inputs;
    }

    @Override
    public NDList after(ParameterStore ps, NDList outputs, NDList inputs, boolean training) {
        NDArray kept = pending.get();
        if (kept == null) {
            throw new IllegalStateException(
                    "The parallel adapter's second module ran before its first: "
                            + "pair modules in the order the forward pass runs them.");
        }
        pending.remove();
        return DeltaLayer.withHead(outputs, outputs.head().add(kept));
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(
                Functional.times(modulelist.forward(ps, inputs, training).head(), scaled));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return modulelist.getOutputShapes(inputShapes);
    }
}
