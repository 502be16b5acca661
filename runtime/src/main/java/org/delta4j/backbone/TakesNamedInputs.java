package org.delta4j.backbone;

import java.util.List;

/**
 * A model that takes HF-named inputs at its root and applies input hooks before reading them
 * (BERT-family and GPT-2 models): a soft prompt on such a model turns its {@code input_ids} into
 * longer {@code inputs_embeds}.
 */
public interface TakesNamedInputs extends HasInputEmbeddings {
    /**
     * @return the input names, in positional order (unnamed arrays are taken in this order)
     */
    List<String> inputNames();
}
