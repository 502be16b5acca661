package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.models.EncoderOutputs;
import org.delta4j.models.HasInputLimits;
import org.delta4j.models.Hosted;
import org.delta4j.models.InputLimits;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.ZeroRowInitializer;

/**
 * HF's {@code BartModel}: the {@code shared} token table, the encoder and the decoder (both
 * embedding tokens with {@code shared}).
 *
 * <p>Inputs, by name or position: {@code input_ids}, {@code attention_mask} (default: all ones),
 * {@code decoder_input_ids} (default: {@code input_ids} shifted right, as HF's {@code
 * shift_tokens_right}) and {@code decoder_attention_mask} (default: all ones), and by name {@code
 * inputs_embeds} and {@code encoder_outputs}. Outputs, named: {@code last_hidden_state} (the
 * decoder's) and {@code encoder_last_hidden_state}.
 *
 * <p>{@code encoder_outputs} (HF's, its hidden states only) skips the encoder: a decoding step
 * gives the encoder's {@code [batch, source, d_model]} states with {@code attention_mask} as the
 * encoder returned it (a soft prompt on the encoder lengthens it), and {@code decoder_input_ids}.
 */
public final class BartModel extends HfBlock
        implements HasInputEmbeddings, HasEncoder, HasInputLimits {
    /** The input names, in positional order. */
    public static final List<String> INPUTS =
            List.of(
                    "input_ids",
                    "attention_mask",
                    "decoder_input_ids",
                    "decoder_attention_mask",
                    "inputs_embeds",
                    EncoderOutputs.NAME);

    /** The output names, in order. */
    public static final List<String> OUTPUTS =
            List.of("last_hidden_state", "encoder_last_hidden_state");

    /**
     * HF's label value for ignored positions, which {@code shift_tokens_right} turns into padding.
     */
    private static final int IGNORE_INDEX = -100;

    private final long dModel;
    private final int padTokenId;
    private final int decoderStartTokenId;
    private final Parameter sharedWeight;
    private final InputLimits limits;
    private final Child shared;
    private final Child encoder;
    private final Child decoder;

    /**
     * @param config the model configuration
     */
    public BartModel(BartConfig config) {
        this.dModel = config.dModel();
        this.padTokenId = config.padTokenId();
        this.decoderStartTokenId = config.decoderStartTokenId();
        this.limits =
                new InputLimits(
                        getClass().getSimpleName(),
                        config.vocabSize(),
                        config.maxPositionEmbeddings(),
                        "max_position_embeddings = " + config.maxPositionEmbeddings());
        // Forward never calls shared: the encoder and decoder embed with their own tables, tied to
        // its weight.
        Embedding table = Embedding.create(config.vocabSize(), config.dModel(), config.initStd());
        this.shared = child("shared", table);
        this.sharedWeight = table.weight();
        // HF zeroes the padding row of a fresh nn.Embedding(padding_idx=pad_token_id).
        sharedWeight.setInitializer(
                new ZeroRowInitializer(
                        new NormalInitializer(config.initStd()), config.padTokenId()));
        this.encoder = child("encoder", new BartEncoder(config, sharedWeight));
        this.decoder = child("decoder", new BartDecoder(config, sharedWeight));
    }

    @Override
    public InputLimits inputLimits() {
        return limits;
    }

    @Override
    public Embedding inputEmbeddings() {
        return Hosted.module(shared.block(), Embedding.class);
    }

    @Override
    public String encoderPath() {
        return "encoder";
    }

    /**
     * @return the weight of the shared token table, which the encoder, the decoder and a
     *     language-model head use
     */
    public Parameter sharedWeight() {
        return sharedWeight;
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        String owner = getClass().getSimpleName();
        Map<String, NDArray> in = NamedInputs.resolve(inputs, INPUTS, owner);
        limits.check(in, "input_ids", "inputs_embeds", "decoder_input_ids");
        NDArray decoderIds =
                in.containsKey("decoder_input_ids")
                        ? in.get("decoder_input_ids")
                        : shiftRight(NamedInputs.require(in, "input_ids", owner));
        NDArray decoderMask =
                in.containsKey("decoder_attention_mask")
                        ? in.get("decoder_attention_mask")
                        : decoderIds.onesLike();
        NDList encoded =
                EncoderOutputs.given(in)
                        ? EncoderOutputs.of(in)
                        : encoder.forward(ps, encoderInputs(in, owner), training, params);
        NDArray decoded =
                Functional.call(
                        decoder,
                        ps,
                        training,
                        params,
                        decoderIds,
                        decoderMask,
                        encoded.get(0),
                        encoded.get(1));
        return NamedInputs.named(List.of(decoded, encoded.get(0)), OUTPUTS);
    }

    /** {@code (input_ids or inputs_embeds, attention_mask)}, the mask all ones by default. */
    private static NDList encoderInputs(Map<String, NDArray> in, String owner) {
        NDArray source =
                in.containsKey("inputs_embeds")
                        ? in.get("inputs_embeds")
                        : NamedInputs.require(in, "input_ids", owner);
        NDArray mask =
                in.containsKey("attention_mask")
                        ? in.get("attention_mask")
                        : source.getManager().ones(source.getShape().slice(0, 2), DataType.INT64);
        return new NDList(source, mask);
    }

    /**
     * {@link #shiftTokensRight} with this model's {@code pad_token_id} and {@code
     * decoder_start_token_id}: the default decoder input, and a head's teacher-forcing input.
     */
    NDArray shiftRight(NDArray ids) {
        return shiftTokensRight(ids, padTokenId, decoderStartTokenId);
    }

    /**
     * HF's {@code shift_tokens_right}: the decoder input for teacher forcing.
     *
     * @param ids {@code [batch, length]} token ids (or labels)
     * @param padTokenId the padding id, which replaces HF's ignore index -100
     * @param decoderStartTokenId the id put first
     * @return {@code [batch, length]}: the start id, then {@code ids} without their last column
     */
    public static NDArray shiftTokensRight(NDArray ids, int padTokenId, int decoderStartTokenId) {
        long batch = ids.getShape().get(0);
        NDArray start =
                ids.getManager().full(new Shape(batch, 1), decoderStartTokenId, ids.getDataType());
        NDArray shifted = NDArrays.concat(new NDList(start, ids.get(":, :-1")), 1);
        NDArray pad = shifted.zerosLike().add(padTokenId);
        return NDArrays.where(shifted.eq(IGNORE_INDEX), pad, shifted);
    }

    /**
     * @param inputShapes the shapes of the inputs in positional order ({@link #INPUTS}); without
     *     {@code decoder_input_ids} the decoder input has the shape of {@code input_ids}
     * @return {@code last_hidden_state} and {@code encoder_last_hidden_state} shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape encoderIds = inputShapes[0];
        Shape decoderIds = inputShapes.length > 2 ? inputShapes[2] : encoderIds;
        return new Shape[] {decoderIds.add(dModel), encoderIds.add(dModel)};
    }
}
