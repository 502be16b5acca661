package org.delta4j.generate;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.delta4j.generate.search.EarlyStopping;
import org.delta4j.io.UserFiles;

/**
 * Reads a folder's generation defaults as transformers 4.38.2 does: {@code generation_config.json}
 * when present ({@code GenerationConfig.from_pretrained}), else the generation fields of {@code
 * config.json} ({@code GenerationConfig.from_model_config}).
 */
final class GenerationConfigFile {
    /** The file HF writes next to {@code config.json}. */
    static final String FILE = "generation_config.json";

    /** Fields delta4j does not implement, with the value at which they do nothing. */
    private static final List<String[]> UNSUPPORTED =
            List.of(
                    new String[] {"num_beam_groups", "1"},
                    new String[] {"diversity_penalty", "0.0"},
                    new String[] {"penalty_alpha", null},
                    new String[] {"typical_p", "1.0"},
                    new String[] {"epsilon_cutoff", "0.0"},
                    new String[] {"eta_cutoff", "0.0"},
                    new String[] {"encoder_repetition_penalty", "1.0"},
                    new String[] {"encoder_no_repeat_ngram_size", "0"},
                    new String[] {"bad_words_ids", null},
                    new String[] {"force_words_ids", null},
                    new String[] {"suppress_tokens", null},
                    new String[] {"begin_suppress_tokens", null},
                    new String[] {"forced_decoder_ids", null},
                    new String[] {"sequence_bias", null},
                    new String[] {"exponential_decay_length_penalty", null},
                    new String[] {"constraints", null});

    private GenerationConfigFile() {}

    static GenerationConfig read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            file = dir.resolve("config.json");
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(UserFiles.readUtf8(file));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IOException(file + ": expected a JSON object of generation fields");
        }
        try {
            return parse(root.getAsJsonObject());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static GenerationConfig parse(JsonObject json) {
        for (String[] field : UNSUPPORTED) {
            JsonElement value = json.get(field[0]);
            if (value != null && !isNeutral(value, field[1])) {
                throw new IllegalArgumentException(
                        field[0]
                                + " = "
                                + value
                                + " is not supported by delta4j's generate;"
                                + " remove it or set it to "
                                + field[1]);
            }
        }
        GenerationConfig.Builder b = GenerationConfig.builder();
        Fields f = new Fields(json);
        b.maxNewTokens(f.integer("max_new_tokens", null));
        b.maxLength(f.integer("max_length", GenerationConfig.DEFAULT_MAX_LENGTH));
        b.minLength(f.integer("min_length", 0));
        b.minNewTokens(f.integer("min_new_tokens", 0));
        b.numBeams(f.integer("num_beams", 1));
        b.numReturnSequences(f.integer("num_return_sequences", 1));
        b.lengthPenalty(f.number("length_penalty", 1.0));
        b.earlyStopping(earlyStopping(json.get("early_stopping")));
        b.doSample(f.bool("do_sample", false));
        b.temperature(f.number("temperature", 1.0));
        b.topK(f.integer("top_k", 50));
        b.topP(f.number("top_p", 1.0));
        b.repetitionPenalty(f.number("repetition_penalty", 1.0));
        b.noRepeatNgramSize(f.integer("no_repeat_ngram_size", 0));
        b.bosTokenId(f.id("bos_token_id"));
        b.eosTokenIds(f.ids("eos_token_id"));
        b.padTokenId(f.id("pad_token_id"));
        b.decoderStartTokenId(f.id("decoder_start_token_id"));
        b.forcedBosTokenId(f.id("forced_bos_token_id"));
        b.forcedEosTokenIds(f.ids("forced_eos_token_id"));
        b.useCache(f.bool("use_cache", true));
        b.outputScores(f.bool("output_scores", false));
        return b.build();
    }

    /** Whether a field's value does nothing: null, an empty list, or the neutral number. */
    private static boolean isNeutral(JsonElement value, String neutral) {
        if (value.isJsonNull() || (value.isJsonArray() && value.getAsJsonArray().isEmpty())) {
            return true;
        }
        return neutral != null
                && value.isJsonPrimitive()
                && value.getAsJsonPrimitive().isNumber()
                && value.getAsDouble() == Double.parseDouble(neutral);
    }

    private static EarlyStopping earlyStopping(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return EarlyStopping.FALSE;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
            return value.getAsBoolean() ? EarlyStopping.TRUE : EarlyStopping.FALSE;
        }
        if (value.isJsonPrimitive() && value.getAsString().equals("never")) {
            return EarlyStopping.NEVER;
        }
        throw new IllegalArgumentException(
                "early_stopping must be true, false or \"never\", got " + value);
    }

    /** Typed reads of optional fields, each failing with the field's name. */
    private record Fields(JsonObject json) {
        private JsonPrimitive primitive(String name) {
            JsonElement value = json.get(name);
            if (value == null || value.isJsonNull()) {
                return null;
            }
            if (!value.isJsonPrimitive()) {
                throw new IllegalArgumentException(name + " must be a single value, got " + value);
            }
            return value.getAsJsonPrimitive();
        }

        Integer integer(String name, Integer absent) {
            JsonPrimitive value = primitive(name);
            if (value == null) {
                return absent;
            }
            if (!value.isNumber() || value.getAsDouble() != Math.rint(value.getAsDouble())) {
                throw new IllegalArgumentException(name + " must be an integer, got " + value);
            }
            return value.getAsInt();
        }

        double number(String name, double absent) {
            JsonPrimitive value = primitive(name);
            if (value == null) {
                return absent;
            }
            if (!value.isNumber()) {
                throw new IllegalArgumentException(name + " must be a number, got " + value);
            }
            return value.getAsDouble();
        }

        boolean bool(String name, boolean absent) {
            JsonPrimitive value = primitive(name);
            if (value == null) {
                return absent;
            }
            if (!value.isBoolean()) {
                throw new IllegalArgumentException(name + " must be true or false, got " + value);
            }
            return value.getAsBoolean();
        }

        Long id(String name) {
            Integer value = integer(name, null);
            return value == null ? null : value.longValue();
        }

        /** One id or a list of ids, as HF accepts for eos ids. */
        long[] ids(String name) {
            JsonElement value = json.get(name);
            if (value == null || value.isJsonNull()) {
                return new long[0];
            }
            if (!value.isJsonArray()) {
                return new long[] {id(name)};
            }
            JsonArray array = value.getAsJsonArray();
            long[] out = new long[array.size()];
            for (int i = 0; i < out.length; i++) {
                JsonElement e = array.get(i);
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                    throw new IllegalArgumentException(
                            name + " must be a token id or a list of them, got " + value);
                }
                out[i] = e.getAsLong();
            }
            return out;
        }
    }
}
