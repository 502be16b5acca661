package org.delta4j.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a command's inputs come from: exactly one of {@code --inputs FILE} and {@code --text}. */
final class PromptInputs {
    @Option(
            names = "--inputs",
            required = true,
            paramLabel = "FILE",
            description =
                    "A JSON object of integer matrices by HF argument name, such as "
                            + "{\"input_ids\": [[...]], \"attention_mask\": [[...]]}.")
    private Path file;

    @Option(
            names = "--text",
            required = true,
            paramLabel = "TEXT",
            description =
                    "A text to tokenize with DIR/tokenizer.json; repeat for a batch (rows are padded).")
    private List<String> texts;

    /**
     * @return the inputs file, or null when the inputs are texts
     */
    Path file() {
        return file;
    }

    /**
     * @return the texts, or null when the inputs come from a file
     */
    List<String> texts() {
        return texts;
    }
}
