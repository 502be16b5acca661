package org.delta4j.generate;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.delta4j.generate.search.EarlyStopping;

/** One {@code generate/<case>} fixture: its generate kwargs as a configuration, and its outputs. */
record GenerateFixtureCase(Path dir, JsonObject caseJson, JsonObject expected) {
    static GenerateFixtureCase read(Path dir) throws IOException {
        return new GenerateFixtureCase(
                dir, object(dir.resolve("case.json")), object(dir.resolve("expected.json")));
    }

    private static JsonObject object(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    Path modelDir() {
        return dir.resolve("../..")
                .resolve(caseJson.get("model_fixture").getAsString())
                .normalize();
    }

    Path adapterDir() {
        return caseJson.has("adapter") && !caseJson.get("adapter").isJsonNull()
                ? dir.resolve(caseJson.getAsJsonObject("adapter").get("dir").getAsString())
                : null;
    }

    /** The case's generate kwargs, as a configuration (scores kept). */
    GenerationConfig config() {
        JsonObject k = caseJson.getAsJsonObject("generate_kwargs");
        GenerationConfig.Builder b =
                GenerationConfig.builder()
                        .maxNewTokens(k.get("max_new_tokens").getAsInt())
                        .numBeams(k.get("num_beams").getAsInt())
                        .numReturnSequences(k.get("num_return_sequences").getAsInt())
                        .lengthPenalty(k.get("length_penalty").getAsDouble())
                        .earlyStopping(
                                k.get("early_stopping").getAsBoolean()
                                        ? EarlyStopping.TRUE
                                        : EarlyStopping.FALSE)
                        .repetitionPenalty(k.get("repetition_penalty").getAsDouble())
                        .noRepeatNgramSize(k.get("no_repeat_ngram_size").getAsInt())
                        .minNewTokens(optionalInt(k, "min_new_tokens", 0))
                        .bosTokenId(optionalId(k, "bos_token_id"))
                        .eosTokenIds(k.get("eos_token_id").getAsLong())
                        .padTokenId(optionalId(k, "pad_token_id"))
                        .decoderStartTokenId(optionalId(k, "decoder_start_token_id"))
                        .outputScores(true);
        Long forcedEos = optionalId(k, "forced_eos_token_id");
        if (forcedEos != null) {
            b.forcedEosTokenIds(forcedEos);
        }
        return b.build();
    }

    private static int optionalInt(JsonObject o, String name, int absent) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? absent : e.getAsInt();
    }

    private static Long optionalId(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsLong();
    }

    long[][] inputs(String name) throws IOException {
        return longs(object(dir.resolve("inputs.json")).getAsJsonArray(name));
    }

    long[][] sequences() {
        return longs(expected.getAsJsonArray("sequences"));
    }

    float[] sequencesScores() {
        JsonElement e = expected.get("sequences_scores");
        if (e == null) {
            return null;
        }
        JsonArray a = e.getAsJsonArray();
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsFloat();
        }
        return out;
    }

    /** {@code scores}, {@code [step][row][vocab]}, {@code "-inf"} read as negative infinity. */
    List<float[][]> scores() {
        List<float[][]> out = new ArrayList<>();
        JsonElement e = expected.get("scores");
        if (e == null) {
            return out;
        }
        for (JsonElement step : e.getAsJsonArray()) {
            JsonArray rows = step.getAsJsonArray();
            float[][] s = new float[rows.size()][];
            for (int r = 0; r < s.length; r++) {
                JsonArray row = rows.get(r).getAsJsonArray();
                s[r] = new float[row.size()];
                for (int v = 0; v < s[r].length; v++) {
                    JsonElement x = row.get(v);
                    s[r][v] =
                            x.getAsJsonPrimitive().isString()
                                    ? Float.NEGATIVE_INFINITY
                                    : x.getAsFloat();
                }
            }
            out.add(s);
        }
        return out;
    }

    private static long[][] longs(JsonArray rows) {
        long[][] out = new long[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonArray row = rows.get(r).getAsJsonArray();
            out[r] = new long[row.size()];
            for (int i = 0; i < out[r].length; i++) {
                out[r][i] = row.get(i).getAsLong();
            }
        }
        return out;
    }
}
