package org.delta4j.models.roberta;

import org.delta4j.models.bert.BertConfig;

/**
 * HF's {@code RobertaConfig}: {@link BertConfig}'s fields with {@code model_type} {@code roberta}
 * and RoBERTa's default {@code pad_token_id} 1, which is also the padding row of the position
 * table.
 */
public final class RobertaConfig extends BertConfig {
    /** RoBERTa's defaults; Gson calls this before it sets the fields the JSON has. */
    private RobertaConfig() {
        super("roberta", 1);
    }

    /**
     * @param json the text of a {@code config.json}
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a valid RoBERTa configuration, saying
     *     why
     */
    public static RobertaConfig fromJson(String json) {
        return parse(json, RobertaConfig.class);
    }
}
