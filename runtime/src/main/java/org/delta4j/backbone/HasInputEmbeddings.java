package org.delta4j.backbone;

import org.delta4j.nn.Embedding;

/** A model whose token embedding table is known: soft prompts embed the input ids with it. */
public interface HasInputEmbeddings {
    /**
     * @return the word embedding table
     */
    Embedding inputEmbeddings();
}
