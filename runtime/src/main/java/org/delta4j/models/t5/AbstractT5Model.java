package org.delta4j.models.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.backbone.TokenInputs;
import org.delta4j.models.EncoderOutputs;
import org.delta4j.models.HasInputLimits;
import org.delta4j.models.Hosted;
import org.delta4j.models.InputLimits;
import org.delta4j.models.bart.BartModel;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;

/**
 * What {@link T5Model} and {@link T5ForConditionalGeneration} share: the token table {@code
 * shared}, the {@code encoder} and the {@code decoder} (both embedding with {@code shared}), and
 * how their inputs are read.
 *
 * <p>Inputs, by name or position: {@code input_ids} (or, by name only, {@code inputs_embeds}, which
 * feed the encoder), {@code attention_mask} (default: all ones), {@code decoder_input_ids}
 * (default: {@code input_ids} shifted right after {@code decoder_start_token_id}, as HF's {@code
 * _shift_right}) and {@code decoder_attention_mask} (default: all ones), and by name {@code
 * encoder_outputs} ({@link EncoderOutputs}: the encoder's states, which skip the encoder, with
 * {@code attention_mask} as the encoder returned it).
 */
public abstract class AbstractT5Model extends HfBlock
        implements HasInputEmbeddings, HasEncoder, HasInputLimits {
    /** The input names, in positional order. */
    public static final List<String> INPUTS =
            List.of(
                    TokenInputs.IDS,
                    "attention_mask",
                    "decoder_input_ids",
                    "decoder_attention_mask",
                    TokenInputs.EMBEDS,
                    EncoderOutputs.NAME);

    private final T5Config config;
    private final InputLimits limits;
    private final Child shared;
    private final Child encoder;
    private final Child decoder;

    /**
     * @param config the model configuration
     */
    protected AbstractT5Model(T5Config config) {
        this.config = config;
        this.limits =
                new InputLimits(
                        getClass().getSimpleName(),
                        config.vocabSize(),
                        config.nPositions(),
                        "n_positions = "
                                + config.nPositions()
                                + ": T5's relative positions have no fixed limit, but attention "
                                + "memory grows with the square of the length; raise n_positions in config.json to allow "
                                + "longer inputs");
        Embedding table =
                Embedding.create(config.vocabSize(), config.dModel(), config.initializerFactor());
        this.shared = child("shared", table);
        this.encoder = child("encoder", new T5Stack(config, table, false));
        this.decoder = child("decoder", new T5Stack(config, table, true));
    }

    /**
     * @return the token table {@code shared}, which the encoder, the decoder and a tied {@code
     *     lm_head} use
     */
    @Override
    public final Embedding inputEmbeddings() {
        return Hosted.module(shared.block(), Embedding.class);
    }

    @Override
    public final InputLimits inputLimits() {
        return limits;
    }

    @Override
    public final String encoderPath() {
        return "encoder";
    }

    /**
     * HF's {@code _shift_right}: {@code decoder_start_token_id}, then {@code ids} without their
     * last column, {@code -100} replaced by {@code pad_token_id}.
     *
     * @param ids {@code [batch, length]} token ids (or labels)
     * @return the decoder input for teacher forcing
     * @throws IllegalStateException when the config defines no {@code decoder_start_token_id}
     */
    protected final NDArray shiftRight(NDArray ids) {
        return BartModel.shiftTokensRight(ids, config.padTokenId(), config.decoderStartTokenId());
    }

    /**
     * Runs the encoder and the decoder on the model's named inputs.
     *
     * @return the decoder's and the encoder's last hidden states, in that order
     */
    protected final NDList encodeAndDecode(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        String owner = getClass().getSimpleName();
        Map<String, NDArray> in = NamedInputs.resolve(inputs, INPUTS, owner);
        limits.check(in, TokenInputs.IDS, TokenInputs.EMBEDS, "decoder_input_ids");
        NDArray decoderIds = in.get("decoder_input_ids");
        if (decoderIds == null) {
            NDArray ids =
                    NamedInputs.require(in, TokenInputs.IDS, owner + " without decoder_input_ids");
            decoderIds = shiftRight(ids);
        }
        NDArray decoderMask =
                in.containsKey("decoder_attention_mask")
                        ? in.get("decoder_attention_mask")
                        : ones(decoderIds);
        NDList encoded;
        if (EncoderOutputs.given(in)) {
            encoded = EncoderOutputs.of(in);
        } else {
            NDArray tokens = TokenInputs.resolve(in, owner);
            NDArray mask =
                    in.containsKey("attention_mask") ? in.get("attention_mask") : ones(tokens);
            encoded = encoder.forward(ps, new NDList(tokens, mask), training, params);
        }
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
        return new NDList(decoded, encoded.get(0));
    }

    /**
     * @param inputShapes the shapes of the inputs in positional order ({@link #INPUTS}); without
     *     {@code decoder_input_ids} the decoder input has the shape of {@code input_ids}
     * @return the decoder's and the encoder's last hidden state shapes
     */
    protected final Shape[] stackOutputShapes(Shape[] inputShapes) {
        Shape encoderIds = inputShapes[0];
        Shape decoderIds = inputShapes.length > 2 ? inputShapes[2] : encoderIds;
        return new Shape[] {
            decoder.getOutputShapes(new Shape[] {decoderIds})[0],
            encoder.getOutputShapes(new Shape[] {encoderIds})[0]
        };
    }

    /**
     * An all-ones mask for a batch of token ids {@code [batch, length]} or embeddings {@code
     * [batch, length, d]}.
     */
    private static NDArray ones(NDArray tokens) {
        Shape s = tokens.getShape();
        return tokens.getManager().ones(new Shape(s.get(0), s.get(1)), DataType.INT64);
    }
}
