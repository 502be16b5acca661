package org.delta4j.delta.softprompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.backbone.TokenInputs;
import org.delta4j.delta.host.InputLayer;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.InputHook;
import org.delta4j.nn.KeyValueCache;

/**
 * OpenDelta's {@code SoftPromptLayer}: the input token ids are embedded with the model's own table
 * and {@code n} trainable embeddings {@code soft_embeds [n, hidden]} go in front; the attention
 * mask gets {@code n} ones in front, token types {@code n} zeros. On an encoder-decoder model it
 * runs before the encoder, on its {@code (input_ids, attention_mask)}; on other models it is an
 * input hook of the root, on its named inputs, which it hands on as {@code inputs_embeds}. New
 * arrays are made; the caller's are not touched (OpenDelta rewrites the caller's mask in place).
 */
public final class SoftPromptLayer extends InputLayer implements InputHook {
    private final Parameter softEmbeds;
    private final Embedding table;
    private final List<String> inputNames;

    /**
     * @param spec token count and initialisation
     * @param table the model's word embedding table; not a child, so its weight stays the
     *     backbone's
     * @param inputNames the root's input names in positional order, for a root hook; empty on an
     *     encoder
     */
    SoftPromptLayer(SoftPromptSpec spec, Embedding table, List<String> inputNames) {
        this.table = table;
        this.inputNames = List.copyOf(inputNames);
        Shape tableShape = table.weight().getShape();
        int n = spec.softTokenNum();
        this.softEmbeds =
                parameter(
                        "soft_embeds",
                        Parameter.Type.WEIGHT,
                        new Shape(n, tableShape.get(1)),
                        initializer(spec, table, tableShape.get(0)));
    }

    /**
     * The first {@code n} rows of the table, as OpenDelta's token initialisation; uniform in
     * +-initRange when asked, or when the table has fewer than {@code n} rows (where OpenDelta
     * fails).
     */
    private static Initializer initializer(SoftPromptSpec spec, Embedding table, long rows) {
        if (!spec.tokenInit() || spec.softTokenNum() > rows) {
            return new UniformInitializer((float) spec.initRange());
        }
        // duplicate(): DJL's toType(type, true) returns a view when the type already matches, and
        // training the
        // prompt would then write into the backbone's embeddings.
        return (manager, shape, type) ->
                table.weight()
                        .getArray()
                        .get(new NDIndex("0:" + spec.softTokenNum()))
                        .toType(type, false)
                        .duplicate();
    }

    /** On an encoder: {@code (input_ids or inputs_embeds, attention_mask, ...)} positionally. */
    @Override
    public NDList before(ParameterStore ps, NDList inputs, boolean training) {
        NDArray embeds = prompted(ps, inputs.get(0), training);
        NDList out = new NDList(embeds, extend(inputs.get(1), softEmbeds.getShape().get(0), 1));
        for (int i = 2; i < inputs.size(); i++) {
            out.add(inputs.get(i));
        }
        return out;
    }

    /**
     * On a root: its named inputs, handed on as {@code inputs_embeds} with the mask, token types
     * and positions extended. Given {@code position_ids}, the prompt takes positions {@code 0 .. n
     * - 1} and every given position moves up by {@code n}. On a decoding step after the first (a
     * {@link KeyValueCache} that has seen positions) the prompt is in the cache already: only the
     * mask and the positions still count it.
     */
    @Override
    public NDList beforeForward(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        Map<String, NDArray> in =
                NamedInputs.resolve(inputs, inputNames, "the soft prompt's model");
        NDArray source =
                in.containsKey(TokenInputs.EMBEDS)
                        ? in.get(TokenInputs.EMBEDS)
                        : in.get(TokenInputs.IDS);
        if (source == null) {
            throw new IllegalArgumentException(
                    "A soft prompt needs input_ids or inputs_embeds; got " + in.keySet());
        }
        KeyValueCache cache = KeyValueCache.of(params);
        boolean continuing = cache != null && cache.length() > 0;
        long n = softEmbeds.getShape().get(0);
        Map<String, NDArray> out = new LinkedHashMap<>(in);
        NDArray mask = in.get("attention_mask");
        NDArray positions = in.get("position_ids");
        if (continuing) {
            if (mask != null) {
                out.put("attention_mask", extend(mask, n, 1));
            }
        } else {
            out.remove(TokenInputs.IDS);
            out.put(TokenInputs.EMBEDS, prompted(ps, source, training));
            out.put("attention_mask", extend(mask != null ? mask : ones(source), n, 1));
            if (in.containsKey("token_type_ids")) {
                out.put("token_type_ids", extend(in.get("token_type_ids"), n, 0));
            }
        }
        if (positions != null) {
            NDArray shifted = positions.add(n);
            out.put("position_ids", continuing ? shifted : promptPositions(shifted, n));
        }
        return NamedInputs.named(List.copyOf(out.values()), List.copyOf(out.keySet()));
    }

    /** The prompt followed by the embedded tokens, {@code [batch, n + length, hidden]}. */
    private NDArray prompted(ParameterStore ps, NDArray source, boolean training) {
        NDArray embeds =
                source.getDataType().isFloating()
                        ? source
                        : table.forward(ps, new NDList(source), training).head();
        NDArray soft = ps.getValue(softEmbeds, embeds.getDevice(), training);
        Shape s = embeds.getShape();
        NDArray prompt =
                Functional.onParameter(soft, p -> p.expandDims(0), embeds)
                        .broadcast(s.get(0), soft.getShape().get(0), s.get(2));
        return NDArrays.concat(new NDList(prompt, embeds), 1);
    }

    /** {@code [batch, length]} values with {@code n} columns of {@code fill} in front. */
    private static NDArray extend(NDArray values, long n, int fill) {
        long batch = values.getShape().get(0);
        NDArray front = values.getManager().full(new Shape(batch, n), fill, values.getDataType());
        return NDArrays.concat(new NDList(front, values), 1);
    }

    /** Shifted positions with the prompt's own, {@code 0 .. n - 1}, in front. */
    private static NDArray promptPositions(NDArray shifted, long n) {
        long batch = shifted.getShape().get(0);
        NDArray front =
                shifted.getManager()
                        .arange(0, Math.toIntExact(n), 1, shifted.getDataType())
                        .expandDims(0)
                        .broadcast(batch, n);
        return NDArrays.concat(new NDList(front, shifted), 1);
    }

    private static NDArray ones(NDArray source) {
        Shape s = source.getShape();
        return source.getManager().ones(new Shape(s.get(0), s.get(1)), DataType.INT64);
    }
}
