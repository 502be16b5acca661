package org.delta4j.delta.softprompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import org.delta4j.delta.host.DeltaLayer;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.HfBlock;

/**
 * OpenDelta's {@code SoftPromptLayer} on an encoder: before the encoder runs, its token ids are embedded with the
 * model's own table and {@code n} trainable embeddings {@code soft_embeds [n, hidden]} go in front; the attention
 * mask gets {@code n} ones in front. New arrays are made; the caller's are not touched (OpenDelta rewrites the
 * caller's mask in place).
 */
public final class SoftPromptLayer extends HfBlock implements DeltaLayer {
    private final Parameter softEmbeds;
    private final Embedding table;

    /**
     * @param spec token count and initialisation
     * @param table the model's word embedding table; not a child, so its weight stays the backbone's
     */
    SoftPromptLayer(SoftPromptSpec spec, Embedding table) {
        this.table = table;
        Shape tableShape = table.weight().getShape();
        int n = spec.softTokenNum();
        this.softEmbeds = parameter("soft_embeds", Parameter.Type.WEIGHT, new Shape(n, tableShape.get(1)),
                initializer(spec, table, tableShape.get(0)));
    }

    /**
     * The first {@code n} rows of the table, as OpenDelta's token initialisation; uniform in +-initRange when asked,
     * or when the table has fewer than {@code n} rows (where OpenDelta fails).
     */
    private static Initializer initializer(SoftPromptSpec spec, Embedding table, long rows) {
        if (!spec.tokenInit() || spec.softTokenNum() > rows) {
            return new UniformInitializer((float) spec.initRange());
        }
        // duplicate(): DJL's toType(type, true) returns a view when the type already matches, and training the
        // prompt would then write into the backbone's embeddings.
        return (manager, shape, type) -> table.weight().getArray()
                .get(new NDIndex("0:" + spec.softTokenNum())).toType(type, false).duplicate();
    }

    @Override
    public NDList before(ParameterStore ps, NDList inputs, boolean training) {
        NDArray source = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray embeds = source.getDataType().isFloating()
                ? source
                : table.forward(ps, new NDList(source), training).head();
        NDArray soft = ps.getValue(softEmbeds, embeds.getDevice(), training);
        Shape s = embeds.getShape();
        long n = soft.getShape().get(0);
        NDArray prompt = soft.expandDims(0).broadcast(s.get(0), n, s.get(2));
        NDList out = new NDList(
                NDArrays.concat(new NDList(prompt, embeds), 1),
                NDArrays.concat(new NDList(mask.getManager().ones(new Shape(s.get(0), n), mask.getDataType()), mask), 1));
        for (int i = 2; i < inputs.size(); i++) {
            out.add(inputs.get(i));
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return before(ps, inputs, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
