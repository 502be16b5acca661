package org.delta4j.checkpoint;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEFT's LoRA tensor keys: {@code base_model.model.<module path>.lora_A.weight} and {@code
 * ...lora_B.weight}, and the canonical delta4j parameter paths they stand for ({@code <module
 * path>.lora.lora_A}); and the keys of the modules to save' parameters ({@code
 * base_model.model.<parameter path>}).
 */
final class PeftKeys {
    /**
     * The two LoRA matrices, in PEFT's order: {@code A} ({@code [r, in]}) and {@code B} ({@code
     * [out, r]}).
     */
    static final List<String> MATRICES = List.of("A", "B");

    private static final String PREFIX = "base_model.model.";
    private static final Pattern KEY =
            Pattern.compile(Pattern.quote(PREFIX) + "(.+)\\.lora_([AB])\\.weight");

    private PeftKeys() {}

    /**
     * @param module a module path
     * @param matrix {@code A} or {@code B}
     * @return PEFT's key of that LoRA matrix on the module
     */
    static String key(String module, String matrix) {
        return PREFIX + module + ".lora_" + matrix + ".weight";
    }

    /**
     * @param path a backbone parameter's path, such as {@code classifier.weight}
     * @return PEFT 0.7's key of that parameter of a module to save ({@code
     *     base_model.model.classifier.weight}, without {@code modules_to_save.default})
     */
    static String savedKey(String path) {
        return PREFIX + path;
    }

    /**
     * @param module a module path
     * @param matrix {@code A} or {@code B}
     * @return the canonical delta4j path of that LoRA matrix on the module
     */
    static String canonicalPath(String module, String matrix) {
        return module + ".lora.lora_" + matrix;
    }

    /**
     * @param key a tensor key
     * @return a matcher whose group 1 is the module path and group 2 the matrix ({@code A} or
     *     {@code B}) when it {@linkplain Matcher#matches() matches}
     */
    static Matcher parse(String key) {
        return KEY.matcher(key);
    }
}
