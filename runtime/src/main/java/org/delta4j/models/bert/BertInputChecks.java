package org.delta4j.models.bert;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.delta4j.models.InputLimits;

/**
 * The checks on a BERT-family model's inputs before any table lookup: token ids within {@code
 * vocab_size}, token types within {@code type_vocab_size}, given positions within {@code
 * max_position_embeddings}, and, without given positions, sequences no longer than the position
 * table allows.
 */
final class BertInputChecks {
    private final String owner;
    private final InputLimits limits;
    private final long typeVocabSize;
    private final long maxPositions;

    /**
     * @param config the model configuration
     * @param positionOffset the first default position ({@code pad_token_id + 1} for RoBERTa, 0 for
     *     BERT)
     * @param owner the model's class name, for error messages
     */
    BertInputChecks(BertConfig config, long positionOffset, String owner) {
        this.owner = owner;
        this.typeVocabSize = config.typeVocabSize();
        this.maxPositions = config.maxPositionEmbeddings();
        String rule =
                "max_position_embeddings = "
                        + maxPositions
                        + (positionOffset == 0
                                ? ""
                                : ", less "
                                        + positionOffset
                                        + " because RoBERTa's positions start at pad_token_id + 1");
        this.limits =
                new InputLimits(owner, config.vocabSize(), maxPositions - positionOffset, rule);
    }

    /**
     * @return the vocabulary and length limits
     */
    InputLimits limits() {
        return limits;
    }

    /**
     * @param in the inputs as given, before any input hook
     * @throws IllegalArgumentException naming the input, the offending value and the config field
     */
    void checkGiven(Map<String, NDArray> in) {
        NDArray positions = in.get("position_ids");
        if (positions == null) {
            limits.check(in, "input_ids", "inputs_embeds");
        } else {
            // Given positions are looked up as they are, so they, not the length, must fit the
            // table.
            limits.requireIds(in, "input_ids");
            InputLimits.requireIdsBelow(
                    positions, "position_ids", "max_position_embeddings", maxPositions, owner);
        }
        NDArray types = in.get("token_type_ids");
        if (types != null) {
            InputLimits.requireIdsBelow(
                    types, "token_type_ids", "type_vocab_size", typeVocabSize, owner);
        }
    }

    /**
     * @param in the inputs after the input hooks (a soft prompt lengthens them)
     * @param tokens the token input among them
     * @throws IllegalArgumentException when the lengthened sequence no longer fits the position
     *     table
     */
    void checkHooked(Map<String, NDArray> in, NDArray tokens) {
        if (!in.containsKey("position_ids")) {
            limits.requireLength(tokens.getShape().get(1), "the input with its soft prompt");
        }
    }
}
