package org.delta4j.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.delta4j.delta.AttachedDelta;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.methods.DeltaSpecs;
import org.delta4j.io.Sha256;
import org.delta4j.io.StrictJson;
import org.delta4j.io.UserFiles;

/**
 * A delta checkpoint's {@code config.json}, as JSON and back, checked field by field on reading:
 * the format tag, the delta4j version that wrote it, the backbone (class and {@link
 * BackboneFingerprint}), the SHA-256 of the weights file, each delta's method, module patterns,
 * exclusions, arguments (OpenDelta's names) and the modules it modified, and the modules that train
 * beside the deltas ({@code modulesToSave}, absent when none). {@code configSha256} seals the rest:
 * the SHA-256 of the config's content without it (as parsed, so whitespace does not count), so a
 * corrupt config that is still valid JSON is caught too. To edit a config by hand, delete that
 * line.
 */
final class CheckpointConfig {
    /** The format tag. */
    static final String FORMAT = "delta4j-checkpoint/1";

    private static final Gson GSON =
            new GsonBuilder()
                    .setPrettyPrinting()
                    .disableHtmlEscaping()
                    .setStrictness(Strictness.STRICT)
                    .create();

    String format;
    String delta4jVersion;
    Backbone backbone;
    String weightsSha256;
    List<Entry> deltas;
    List<String> modulesToSave;
    String configSha256;

    /** The top-level fields, which a hand-written spec may use. */
    private static final Set<String> FIELDS =
            Set.of(
                    "format",
                    "delta4jVersion",
                    "backbone",
                    "weightsSha256",
                    "deltas",
                    "modulesToSave",
                    "configSha256");

    /** A delta's fields. */
    private static final Set<String> ENTRY_FIELDS =
            Set.of("deltaType", "modules", "exclude", "arguments", "modifiedModules");

    /** The backbone the deltas were saved from. */
    static final class Backbone {
        String modelClass;
        String structureSha256;
        String parametersSha256;
    }

    /** One delta. */
    static final class Entry {
        String deltaType;
        List<String> modules;
        List<String> exclude;
        Map<String, Object> arguments;
        List<String> modifiedModules;

        static Entry of(AttachedDelta d) {
            Entry e = new Entry();
            e.deltaType = d.spec().method();
            e.modules = d.spec().modules();
            e.exclude = d.spec().exclude();
            e.arguments = d.spec().arguments();
            e.modifiedModules = d.modifiedModules();
            return e;
        }
    }

    /**
     * @return the JSON text, pretty-printed and sealed with {@code configSha256}, with a final
     *     newline
     */
    String toSealedJson() {
        configSha256 = contentSha256();
        return GSON.toJson(this) + "\n";
    }

    /**
     * The SHA-256 of the content without the seal, after a JSON round trip (so numbers read as they
     * are written).
     */
    private String contentSha256() {
        String seal = configSha256;
        configSha256 = null;
        try {
            String canonical =
                    GSON.toJson(GSON.fromJson(GSON.toJson(this), CheckpointConfig.class));
            MessageDigest digest = Sha256.digest();
            digest.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Sha256.hex(digest);
        } finally {
            configSha256 = seal;
        }
    }

    /**
     * @param dir a checkpoint folder
     * @param name the config file's name in it
     * @return its config, every field present and of the right type
     * @throws IOException naming the file and the problem
     */
    static CheckpointConfig read(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        String json;
        try {
            json = UserFiles.readUtf8(file);
        } catch (NoSuchFileException e) {
            throw new IOException(dir + " is not a delta4j checkpoint: it has no " + name + ".", e);
        }
        CheckpointConfig config = parse(file, json);
        if (config == null || !FORMAT.equals(config.format)) {
            throw new IOException(
                    file
                            + " is not a delta4j checkpoint config: expected \"format\": \""
                            + FORMAT
                            + "\".");
        }
        config.checkSeal(file);
        config.check(file);
        return config;
    }

    /**
     * Reads a tuning spec written as a checkpoint config: only {@code deltas} (each with {@code
     * deltaType} and {@code modules}; {@code exclude}, {@code arguments} and {@code
     * modifiedModules} optional) is needed, {@code modulesToSave} may be added, and a saved
     * checkpoint's config serves as it is. Unknown fields are refused, so a misspelt one is not
     * silently ignored.
     *
     * @param file the JSON file
     * @return its content
     * @throws IOException naming the file and the problem
     */
    static CheckpointConfig readSpec(Path file) throws IOException {
        String json;
        try {
            json = UserFiles.readUtf8(file);
        } catch (NoSuchFileException e) {
            throw new IOException("the spec file " + file + " does not exist.", e);
        }
        CheckpointConfig config = parse(file, json);
        if (config == null) {
            throw new IOException(file + " is empty: expected a JSON object with \"deltas\".");
        }
        if (config.format != null && !FORMAT.equals(config.format)) {
            throw new IOException(
                    file
                            + ": \"format\" must be \""
                            + FORMAT
                            + "\" or absent, not \""
                            + config.format
                            + "\".");
        }
        config.checkSeal(file);
        config.checkDeltas(file, false);
        return config;
    }

    private static CheckpointConfig parse(Path file, String json) throws IOException {
        try {
            JsonElement root = StrictJson.parse(json);
            if (root.isJsonObject()) {
                refuseUnknown(file, root.getAsJsonObject(), FIELDS, "");
                JsonElement deltas = root.getAsJsonObject().get("deltas");
                if (deltas != null && deltas.isJsonArray()) {
                    for (JsonElement d : deltas.getAsJsonArray()) {
                        if (d.isJsonObject()) {
                            refuseUnknown(file, d.getAsJsonObject(), ENTRY_FIELDS, "a delta's ");
                        }
                    }
                }
            }
            return GSON.fromJson(root, CheckpointConfig.class);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IOException(
                    file + " is corrupt or truncated: not a valid config (" + e.getMessage() + ").",
                    e);
        }
    }

    private static void refuseUnknown(Path file, JsonObject json, Set<String> known, String whose)
            throws IOException {
        for (String key : json.keySet()) {
            if (!known.contains(key)) {
                throw new IOException(
                        file
                                + ": unknown field \""
                                + key
                                + "\" in "
                                + (whose.isEmpty() ? "the config" : whose + "fields")
                                + "; the known ones are "
                                + new TreeSet<>(known)
                                + ".");
            }
        }
    }

    private void checkSeal(Path file) throws IOException {
        if (configSha256 != null && !configSha256.equals(contentSha256())) {
            throw new IOException(
                    file
                            + " is corrupt: its content does not match its configSha256. (After editing "
                            + "a config by hand, delete its configSha256 line.)");
        }
    }

    private void check(Path file) throws IOException {
        List<String> missing = new ArrayList<>();
        if (backbone == null
                || backbone.modelClass == null
                || backbone.structureSha256 == null
                || backbone.parametersSha256 == null) {
            missing.add("backbone {modelClass, structureSha256, parametersSha256}");
        }
        if (weightsSha256 == null) {
            missing.add("weightsSha256");
        }
        if (!missing.isEmpty()) {
            throw new IOException(
                    file
                            + " is corrupt or incomplete: it lacks "
                            + String.join(", ", missing)
                            + ".");
        }
        checkDeltas(file, true);
    }

    /**
     * The deltas are listed with their methods and patterns, {@code exclude} and {@code
     * modifiedModules} too when {@code saved}, and {@code modulesToSave} holds no null.
     */
    private void checkDeltas(Path file, boolean saved) throws IOException {
        String missing = null;
        if (deltas == null || deltas.isEmpty() || deltas.contains(null)) {
            missing = "a non-empty deltas list";
        } else {
            for (Entry e : deltas) {
                if (e.deltaType == null
                        || e.modules == null
                        || (saved && (e.exclude == null || e.modifiedModules == null))
                        || hasNull(e.modules)
                        || hasNull(e.exclude)
                        || hasNull(e.modifiedModules)) {
                    missing =
                            saved
                                    ? "deltaType, modules, exclude and modifiedModules of every delta"
                                    : "deltaType and modules (module names) of every delta";
                    break;
                }
            }
        }
        if (hasNull(modulesToSave)) {
            missing = "module names (no nulls) in modulesToSave";
        }
        if (missing != null) {
            throw new IOException(
                    file
                            + " is "
                            + (saved ? "corrupt or " : "")
                            + "incomplete: it lacks "
                            + missing
                            + ".");
        }
    }

    private static boolean hasNull(List<String> list) {
        return list != null && list.contains(null);
    }

    /**
     * @param file the config file, for messages
     * @param freeze how to freeze the backbone after attaching, or {@code null} not to
     * @return the deltas and modules to save as a tuning spec, validated as if built by hand
     * @throws IOException for an unknown method or an invalid argument, naming the file
     */
    TuningSpec spec(Path file, FreezeSpec freeze) throws IOException {
        TuningSpec.Builder builder = TuningSpec.builder().freeze(freeze);
        for (Entry e : deltas) {
            try {
                DeltaSpec spec =
                        DeltaSpecs.of(
                                e.deltaType,
                                e.modules,
                                e.exclude == null ? List.of() : e.exclude,
                                e.arguments == null ? Map.of() : e.arguments);
                builder.add(spec);
            } catch (RuntimeException ex) {
                throw new IOException(file + ": delta " + e.deltaType + ": " + ex.getMessage(), ex);
            }
        }
        if (modulesToSave != null) {
            try {
                builder.modulesToSave(modulesToSave.toArray(new String[0]));
            } catch (IllegalArgumentException ex) {
                throw new IOException(file + ": " + ex.getMessage(), ex);
            }
        }
        return builder.build();
    }
}
