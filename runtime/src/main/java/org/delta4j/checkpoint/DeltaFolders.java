package org.delta4j.checkpoint;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.Tuning;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.io.StrictJson;
import org.delta4j.io.UserFiles;

/**
 * Delta folders of either kind, told apart by their files: a delta4j checkpoint ({@value
 * DeltaCheckpoint#CONFIG} + {@value DeltaCheckpoint#WEIGHTS}) or a PEFT adapter ({@value
 * PeftAdapter#CONFIG} + {@value PeftAdapter#WEIGHTS}).
 */
public final class DeltaFolders {
    /** The kinds of delta folder. */
    public enum Format {
        /** delta4j's own checkpoint, any methods: {@link DeltaCheckpoint}. */
        DELTA4J,
        /** A PEFT LoRA adapter: {@link PeftAdapter}. */
        PEFT;

        /**
         * @return the other format
         */
        public Format other() {
            return this == DELTA4J ? PEFT : DELTA4J;
        }
    }

    private DeltaFolders() {}

    /**
     * @param dir a folder
     * @return the kind of delta folder it is
     * @throws IOException when it is neither, saying what it seems to be instead
     */
    public static Format formatOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(
                    dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
        if (Files.exists(dir.resolve(PeftAdapter.CONFIG))) {
            return Format.PEFT;
        }
        if (Files.exists(dir.resolve(DeltaCheckpoint.WEIGHTS))
                || Files.exists(dir.resolve("delta_config.json"))) {
            return Format.DELTA4J;
        }
        Path config = dir.resolve(DeltaCheckpoint.CONFIG);
        if (Files.exists(config)) {
            String seems = seemsToBe(config);
            if (seems != null) {
                throw new IOException(dir + " is not a delta folder: it is " + seems + ".");
            }
            return Format.DELTA4J;
        }
        throw new IOException(
                dir
                        + " is not a delta folder: expected a delta4j checkpoint ("
                        + DeltaCheckpoint.CONFIG
                        + " + "
                        + DeltaCheckpoint.WEIGHTS
                        + ") or a PEFT adapter ("
                        + PeftAdapter.CONFIG
                        + " + "
                        + PeftAdapter.WEIGHTS
                        + ").");
    }

    /**
     * Attaches the deltas of a folder of either kind.
     *
     * @param dir a delta4j checkpoint or a PEFT adapter
     * @param backbone the model they were trained on
     * @return the attached deltas
     * @throws IOException as {@link DeltaCheckpoint#load(Path, Block)} or {@link PeftAdapter#load};
     *     the backbone is then unchanged
     */
    public static Tuning load(Path dir, Block backbone) throws IOException {
        return formatOf(dir) == Format.PEFT
                ? PeftAdapter.load(dir, backbone)
                : DeltaCheckpoint.load(dir, backbone);
    }

    /**
     * As {@link #load}, then freezes every backbone parameter the folder does not hold, so that
     * exactly what it holds trains on: the deltas, the modules to save, and the backbone parameters
     * a delta4j checkpoint carries (the layer norms a freeze left trainable). A PEFT adapter is
     * frozen so already, as PEFT's {@code is_trainable=True} loads it.
     *
     * @param dir a delta4j checkpoint or a PEFT adapter
     * @param backbone the model they were trained on
     * @return the attached deltas, ready to train
     * @throws IOException as {@link #load}; the backbone is then unchanged
     */
    public static Tuning loadForTraining(Path dir, Block backbone) throws IOException {
        if (formatOf(dir) == Format.PEFT) {
            return PeftAdapter.load(dir, backbone);
        }
        Tuning tuning = DeltaCheckpoint.load(dir, backbone);
        Set<String> held;
        try (SafetensorsFile weights = Safetensors.open(dir.resolve(DeltaCheckpoint.WEIGHTS))) {
            held = Set.copyOf(weights.names());
        }
        Set<Parameter> trains = Collections.newSetFromMap(new IdentityHashMap<>());
        trains.addAll(tuning.deltaParameters().values());
        trains.addAll(tuning.copyParameters().values());
        Map<String, Parameter> backboneParameters = DeltaValues.backboneParameters(backbone);
        backboneParameters.forEach(
                (path, p) -> {
                    if (held.contains(path)) {
                        trains.add(p);
                    }
                });
        backboneParameters.values().forEach(p -> p.freeze(!trains.contains(p)));
        return tuning;
    }

    /**
     * Turns a delta4j LoRA checkpoint into a PEFT adapter, or a PEFT adapter into a delta4j
     * checkpoint (of the LoRA delta and its modules to save alone: PEFT's base model is not
     * trained). The deltas are attached to the backbone to check them (the backbone is as before
     * afterwards, whatever happens).
     *
     * @param from a delta folder of either kind
     * @param backbone the model the deltas were trained on
     * @param to the folder to write, in the other format; replaced whole if it exists
     * @param baseModelNameOrPath PEFT's {@code base_model_name_or_path} when writing an adapter, or
     *     {@code null}
     * @return the format written
     * @throws IOException when the source cannot be loaded or is no single LoRA delta (a PEFT
     *     adapter holds nothing else, nor backbone parameters other than its modules to save), or
     *     writing fails; {@code to} is then as it was
     */
    public static Format convert(Path from, Block backbone, Path to, String baseModelNameOrPath)
            throws IOException {
        Format format = formatOf(from);
        Tuning tuning = load(from, backbone);
        try {
            if (format == Format.PEFT) {
                saveDeltasOnly(tuning, to);
            } else {
                refuseBackboneParameters(from, tuning);
                try {
                    PeftAdapter.save(tuning, to, baseModelNameOrPath);
                } catch (IllegalArgumentException e) {
                    throw new IOException(
                            from + " cannot become a PEFT adapter: " + e.getMessage(), e);
                }
            }
        } finally {
            tuning.detach();
        }
        return format.other();
    }

    /**
     * Saves a checkpoint of the deltas and modules to save alone: the rest of the backbone is not
     * trained, whatever its trainable flags say.
     */
    private static void saveDeltasOnly(Tuning tuning, Path to) throws IOException {
        Set<Parameter> deltas = Collections.newSetFromMap(new IdentityHashMap<>());
        deltas.addAll(tuning.deltaParameters().values());
        Map<Parameter, Boolean> trains = new IdentityHashMap<>();
        DeltaValues.backboneParameters(tuning.backbone())
                .values()
                .forEach(
                        p -> {
                            if (!deltas.contains(p)) {
                                trains.putIfAbsent(p, p.requiresGradient());
                                p.freeze(true);
                            }
                        });
        try {
            DeltaCheckpoint.save(tuning, to);
        } finally {
            trains.forEach((p, t) -> p.freeze(!t));
        }
    }

    private static void refuseBackboneParameters(Path from, Tuning tuning) throws IOException {
        Set<String> carried;
        try (SafetensorsFile weights = Safetensors.open(from.resolve(DeltaCheckpoint.WEIGHTS))) {
            carried = new TreeSet<>(weights.names());
        }
        carried.removeAll(DeltaValues.canonicalParameters(tuning).keySet());
        carried.removeAll(tuning.copyParameters().keySet());
        if (!carried.isEmpty()) {
            throw new IOException(
                    from
                            + " cannot become a PEFT adapter: it also holds backbone parameters "
                            + carried
                            + ", which a PEFT LoRA adapter cannot carry.");
        }
    }

    /**
     * @return what an HF or OpenDelta config describes, or {@code null} when it may be a delta4j
     *     config
     */
    private static String seemsToBe(Path config) {
        try {
            JsonElement json = StrictJson.parse(UserFiles.readUtf8(config));
            if (json.isJsonObject() && json.getAsJsonObject().has("model_type")) {
                return "a HuggingFace model folder (its config.json has a model_type)";
            }
            if (json.isJsonObject() && json.getAsJsonObject().has("delta_type")) {
                return "an OpenDelta checkpoint, whose PyTorch pickle weights delta4j does not read";
            }
        } catch (IOException | JsonParseException e) {
            return null; // unreadable or not a regular file: DeltaCheckpoint says what is wrong
            // with it
        }
        return null;
    }
}
