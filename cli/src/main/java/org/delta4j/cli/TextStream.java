package org.delta4j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.delta4j.generate.GenerationConfig;
import org.delta4j.generate.GenerationResult;
import org.delta4j.generate.search.TokenListener;
import org.delta4j.generate.session.ModelKind;
import org.delta4j.models.text.PromptBatch;
import org.delta4j.models.text.TextInputs;

/**
 * What {@code generate} prints without {@code -o}. One prompt decoded greedily or by sampling is
 * printed as it is generated: the text grows with every token. Otherwise (several rows, beam
 * search, whose tokens are provisional until the end) each returned sequence is printed at the end,
 * as text with a tokenizer and as ids without.
 */
class TextStream {
    /** Prints nothing (the output goes to a file). */
    static final TextStream NONE = new TextStream(null);

    /** Standard output, or null when nothing is printed. */
    final PrintWriter out;

    TextStream(PrintWriter out) {
        this.out = out;
    }

    /**
     * @return the listener to generate with
     */
    TokenListener listener() {
        return TokenListener.NONE;
    }

    /**
     * Prints what was not printed while generating.
     *
     * @param result the sequences
     * @param texts their decoded texts, or null without a tokenizer
     */
    void finish(GenerationResult result, List<String> texts) {
        if (out == null) {
            return;
        }
        long[][] sequences = result.sequences();
        for (int i = 0; i < sequences.length; i++) {
            out.println(texts != null ? texts.get(i) : ids(sequences[i]));
        }
    }

    /**
     * @param tokenizer the folder's tokenizer, or null
     * @param prompts the prompts
     * @param kind how the model generates
     * @param config the decoding configuration
     * @param out standard output
     * @return a stream that prints as it goes when it can
     */
    static TextStream of(
            TextInputs tokenizer,
            PromptBatch prompts,
            ModelKind kind,
            GenerationConfig config,
            PrintWriter out) {
        boolean live =
                tokenizer != null
                        && prompts.inputIds().length == 1
                        && config.numBeams() == 1
                        && config.numReturnSequences() == 1;
        return live ? new Live(tokenizer, prompts, kind, out) : new TextStream(out);
    }

    private static String ids(long[] row) {
        StringBuilder b = new StringBuilder();
        for (long id : row) {
            b.append(b.length() == 0 ? "" : " ").append(id);
        }
        return b.toString();
    }

    /** One row, printed as it grows. */
    private static final class Live extends TextStream {
        private final TextInputs tokenizer;
        private long[] tokens;
        private String printed = "";
        private boolean done;

        Live(TextInputs tokenizer, PromptBatch prompts, ModelKind kind, PrintWriter out) {
            super(out);
            this.tokenizer = tokenizer;
            this.tokens = kind == ModelKind.DECODER_ONLY ? prompts.inputIds()[0] : new long[0];
            print();
        }

        @Override
        TokenListener listener() {
            return (step, next, finished) -> {
                if (done) {
                    return;
                }
                tokens = Arrays.copyOf(tokens, tokens.length + 1);
                tokens[tokens.length - 1] = next[0];
                done = finished[0];
                print();
            };
        }

        /** Prints the part of the decoded text not printed yet. */
        private void print() {
            String text = tokenizer.decode(tokens);
            // A token that completes a character can change the text before it; print from the
            // first difference only when the text grew past what was printed.
            if (text.startsWith(printed)) {
                out.print(text.substring(printed.length()));
                printed = text;
                out.flush();
            }
        }

        @Override
        void finish(GenerationResult result, List<String> texts) {
            out.println();
        }
    }
}
