package org.delta4j.models.text;

import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.PadTokenResolver;
import ai.djl.huggingface.tokenizers.TokenizerConfig;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.util.PairList;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.delta4j.Delta4j;
import org.delta4j.io.UserFiles;
import org.delta4j.models.ModelInputs;

/**
 * Turns texts into named model inputs with a model folder's HuggingFace tokenizer, as HF's {@code
 * tokenizer(texts, padding=True)} does: special tokens added, no truncation (unless opened with a
 * maximum length), rows right-padded to the longest. The tokenizer is {@code tokenizer.json}; the
 * pad token is the one it names in {@code padding}, else the {@code pad_token} of {@code
 * tokenizer_config.json} when that file is present, else id 0.
 *
 * <p>Nothing is downloaded: the native library is extracted from the tokenizers jar into DJL's
 * cache folder.
 */
public final class TextInputs implements AutoCloseable {
    /** The tokenizer file a model folder must hold. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    /** The optional file that names the pad token when {@code tokenizer.json} does not. */
    public static final String CONFIG_FILE = "tokenizer_config.json";

    /**
     * DJL's names for HF's call arguments {@code padding=True, truncation=False,
     * add_special_tokens=True}.
     */
    private static final Map<String, String> OPTIONS =
            Map.of("padding", "longest", "truncation", "false", "addSpecialTokens", "true");

    static {
        // The tokenizer calls home and picks a GPU build to download unless DJL is offline.
        Delta4j.offline();
    }

    private final HuggingFaceTokenizer tokenizer;

    private TextInputs(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * @param dir a model folder holding {@value #TOKENIZER_FILE} (and possibly {@value
     *     #CONFIG_FILE})
     * @return its tokenizer, to be closed after use
     * @throws IOException when the tokenizer file is missing, unreadable or invalid, naming the
     *     file
     * @throws EngineException when the tokenizers native library cannot be loaded
     */
    public static TextInputs open(Path dir) throws IOException {
        return open(dir, OPTIONS);
    }

    /**
     * A tokenizer that truncates, as HF's {@code tokenizer(text, truncation=True,
     * max_length=maxLength)}: the text's tokens are cut from the end so that, with the special
     * tokens, at most {@code maxLength} remain. DJL lowers the maximum to {@code model_max_length}
     * when {@value #CONFIG_FILE} gives a smaller one.
     *
     * @param dir a model folder holding {@value #TOKENIZER_FILE} (and possibly {@value
     *     #CONFIG_FILE})
     * @param maxLength the most tokens of one encoded text, special tokens included, at least 1
     * @return its tokenizer, to be closed after use
     * @throws IllegalArgumentException when {@code maxLength} is not positive
     * @throws IOException when the tokenizer file is missing, unreadable or invalid, naming the
     *     file
     * @throws EngineException when the tokenizers native library cannot be loaded
     */
    public static TextInputs open(Path dir, int maxLength) throws IOException {
        if (maxLength < 1) {
            throw new IllegalArgumentException(
                    "the maximum length must be at least 1 token, got " + maxLength);
        }
        Map<String, String> options = new LinkedHashMap<>(OPTIONS);
        options.put("truncation", "true");
        options.put("maxLength", Integer.toString(maxLength));
        return open(dir, options);
    }

    /**
     * The pad token as the tokenizer files name it: {@code padding.pad_id} of {@value
     * #TOKENIZER_FILE}, else the id of the {@code pad_token} of {@value #CONFIG_FILE}.
     *
     * @param dir a model folder holding {@value #TOKENIZER_FILE}
     * @return the pad id, or empty when the files name none
     * @throws IOException when a file is missing, not a regular file or not UTF-8
     */
    public static OptionalInt padId(Path dir) throws IOException {
        String json = UserFiles.readUtf8(dir.resolve(TOKENIZER_FILE));
        Path configFile = dir.resolve(CONFIG_FILE);
        TokenizerConfig config = null;
        if (Files.exists(configFile)) {
            UserFiles.requireRegular(configFile);
            try {
                config = TokenizerConfig.load(configFile);
            } catch (JsonParseException e) {
                throw new IOException(configFile + " is not valid JSON: " + e.getMessage(), e);
            }
        }
        PadTokenResolver.PadInfo pad = PadTokenResolver.extractPadInfo(json, config);
        return pad == null ? OptionalInt.empty() : OptionalInt.of(pad.getPadId());
    }

    private static TextInputs open(Path dir, Map<String, String> options) throws IOException {
        Path file = dir.resolve(TOKENIZER_FILE);
        if (!Files.exists(file)) {
            throw new IOException(dir + " has no " + TOKENIZER_FILE);
        }
        // The native tokenizer reads both files itself: a FIFO there would block it for ever.
        UserFiles.requireRegular(file);
        if (Files.exists(dir.resolve(CONFIG_FILE))) {
            UserFiles.requireRegular(dir.resolve(CONFIG_FILE));
        }
        try {
            return new TextInputs(
                    HuggingFaceTokenizer.newInstance(
                            file, dir.resolve(CONFIG_FILE).toString(), options));
        } catch (JsonParseException e) {
            throw new IOException(
                    dir.resolve(CONFIG_FILE) + " is not valid JSON: " + e.getMessage(), e);
        } catch (EngineException e) {
            throw e; // the native library failed to load: not the file's fault
        } catch (RuntimeException e) {
            // The native parser reports a malformed tokenizer.json with a plain RuntimeException.
            throw new IOException(file + " is not a valid tokenizer: " + e.getMessage(), e);
        }
    }

    /**
     * @param manager the manager that will own the arrays
     * @param texts one text per batch row
     * @return {@code input_ids} and {@code attention_mask} (INT64, {@code [batch, longest]}), and
     *     {@code token_type_ids} when the tokenizer gives some token a non-zero type (see {@link
     *     #encode(NDManager, List, List)})
     * @throws IllegalArgumentException when there are no texts
     */
    public NDList encode(NDManager manager, List<String> texts) {
        requireRows(texts);
        return toInputs(manager, tokenizer.batchEncode(texts));
    }

    /**
     * Encodes text pairs, such as question and context, the way BERT-style tokenizers mark the
     * second text with token type 1. All-zero token types are left out: they are what every model
     * assumes without them, and models that take none (DistilBERT, RoBERTa, GPT-2, BART, T5) would
     * reject them.
     *
     * @param manager the manager that will own the arrays
     * @param texts the first text of each batch row
     * @param pairs the second text of each batch row
     * @return {@code input_ids}, {@code attention_mask} and, when any is non-zero, {@code
     *     token_type_ids}
     * @throws IllegalArgumentException when there are no texts or the lists differ in length
     */
    public NDList encode(NDManager manager, List<String> texts, List<String> pairs) {
        requireRows(texts);
        if (pairs.size() != texts.size()) {
            throw new IllegalArgumentException(
                    "got " + texts.size() + " texts but " + pairs.size() + " pair texts");
        }
        return toInputs(manager, tokenizer.batchEncode(new PairList<>(texts, pairs)));
    }

    /**
     * Encodes one text as HF's {@code tokenizer(text)["input_ids"]}: special tokens added, not
     * padded, truncated when this tokenizer was opened with a maximum length.
     *
     * @param text the text
     * @return its token ids
     */
    public long[] encodeOne(String text) {
        return tokenizer.encode(text, true, false).getIds();
    }

    /**
     * Encodes prompts for generation: special tokens added, each row padded to the longest.
     *
     * @param texts one prompt per batch row
     * @param padId the id written on padding
     * @param left whether to pad in front (decoder-only models) or after (encoder inputs)
     * @return the padded batch
     * @throws IllegalArgumentException when there are no texts or a text encodes to no tokens
     */
    public PromptBatch prompts(List<String> texts, long padId, boolean left) {
        requireRows(texts);
        List<long[]> rows = new ArrayList<>(texts.size());
        for (String text : texts) {
            rows.add(encodeOne(text));
        }
        return PromptBatch.pad(rows, padId, left);
    }

    /**
     * Decodes token ids as HF's {@code tokenizer.decode(ids, skip_special_tokens=True)}.
     *
     * @param ids token ids
     * @return the text, without special tokens (padding, start and end tokens)
     */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    /** Frees the native tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
    }

    private static void requireRows(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to encode");
        }
    }

    private static NDList toInputs(NDManager manager, Encoding[] encodings) {
        long[][] ids = new long[encodings.length][];
        long[][] mask = new long[encodings.length][];
        long[][] types = new long[encodings.length][];
        boolean typed = false;
        for (int i = 0; i < encodings.length; i++) {
            ids[i] = encodings[i].getIds();
            mask[i] = encodings[i].getAttentionMask();
            types[i] = encodings[i].getTypeIds();
            for (long t : types[i]) {
                typed |= t != 0;
            }
        }
        Map<String, long[][]> inputs = new LinkedHashMap<>();
        inputs.put("input_ids", ids);
        inputs.put("attention_mask", mask);
        if (typed) {
            inputs.put("token_type_ids", types);
        }
        return ModelInputs.of(manager, inputs);
    }
}
