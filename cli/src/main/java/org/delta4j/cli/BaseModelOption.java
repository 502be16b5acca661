package org.delta4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --base}: use a folder's base model, for checkpoints saved with a head delta4j does not
 * build.
 */
final class BaseModelOption {
    @Option(
            names = "--base",
            description =
                    "Use the folder's base model (BertModel for a BertForMaskedLM checkpoint, as AutoModel "
                            + "does) and leave its head out.")
    private boolean base;

    /**
     * @return whether {@code --base} was given
     */
    boolean enabled() {
        return base;
    }
}
