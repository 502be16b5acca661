package org.delta4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.delta4j.Delta4j;
import org.delta4j.delta.AttachedDelta;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.DeltaSpecs;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningPlan;
import org.delta4j.delta.TuningSpec;
import org.delta4j.nn.ParameterValues;
import org.delta4j.tree.ModuleTree;

/**
 * A delta-only checkpoint folder: {@value #CONFIG} (each delta's method, arguments, patterns and the modules it
 * modified, the backbone class, the delta4j version) and {@value #WEIGHTS}: the delta parameters and every backbone
 * parameter left trainable (such as the layer norms a freeze excluded), under their backbone paths, as OpenDelta
 * saves its trainable state dict. Kilobytes, not the backbone's gigabytes. Saving writes a temporary folder and moves it into
 * place, so a crash never leaves half a checkpoint; loading checks everything it can before it attaches, and
 * detaches again if the weights do not fit, so a failed load leaves the backbone untouched.
 */
public final class DeltaCheckpoint {
    /** The config file's name. */
    public static final String CONFIG = "delta_config.json";
    /** The weights file's name. */
    public static final String WEIGHTS = "delta_model.safetensors";
    /** The config's format tag. */
    public static final String FORMAT = "delta4j-checkpoint/1";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private DeltaCheckpoint() {}

    /** The JSON form of a checkpoint's config. */
    private static final class Config {
        String format;
        String delta4jVersion;
        String backboneClass;
        List<Entry> deltas;
    }

    /** One delta in the config. */
    private static final class Entry {
        String deltaType;
        List<String> modules;
        List<String> exclude;
        Map<String, Object> arguments;
        List<String> modifiedModules;
    }

    /**
     * Saves the deltas of a tuning.
     *
     * @param tuning the attached deltas
     * @param dir the checkpoint folder; an existing checkpoint there is replaced
     * @throws IOException when writing fails; the folder is then as it was
     */
    public static void save(Tuning tuning, Path dir) throws IOException {
        Config config = new Config();
        config.format = FORMAT;
        config.delta4jVersion = Delta4j.VERSION;
        config.backboneClass = ModuleTree.of(tuning.backbone()).root().type();
        config.deltas = new ArrayList<>();
        for (AttachedDelta d : tuning.deltas()) {
            Entry e = new Entry();
            e.deltaType = d.spec().method();
            e.modules = d.spec().modules();
            e.exclude = d.spec().exclude();
            e.arguments = d.spec().arguments();
            e.modifiedModules = d.modifiedModules();
            config.deltas.add(e);
        }
        Map<String, NDArray> weights = new LinkedHashMap<>();
        tuning.deltaParameters().forEach((path, p) -> weights.put(path, p.getArray()));
        Set<Parameter> saved = Collections.newSetFromMap(new IdentityHashMap<>());
        saved.addAll(tuning.deltaParameters().values());
        ModuleTree.of(tuning.backbone()).uniqueParameters().forEach((path, p) -> {
            if (p.requiresGradient() && saved.add(p)) {
                weights.put(path, p.getArray());
            }
        });
        AtomicFolder.write(dir, tmp -> {
            Files.writeString(tmp.resolve(CONFIG), GSON.toJson(config) + "\n", StandardCharsets.UTF_8);
            Safetensors.write(tmp.resolve(WEIGHTS), weights, Map.of("format", FORMAT));
        });
    }

    /**
     * Rebuilds the saved deltas on a backbone and loads their weights, and the saved backbone parameters. The deltas
     * are trainable; freeze with {@link Tuning#freeze} to keep training them.
     *
     * @param dir the checkpoint folder
     * @param backbone the backbone, of the class the deltas were trained on
     * @return the attached deltas
     * @throws IOException when the folder or its files are missing, unreadable or do not fit this backbone; the
     *     backbone is then unchanged
     */
    public static Tuning load(Path dir, Block backbone) throws IOException {
        Config config = readConfig(dir);
        TuningSpec.Builder builder = TuningSpec.builder();
        for (Entry e : config.deltas) {
            builder.add(specOf(e, dir));
        }
        TuningPlan plan;
        try {
            plan = builder.build().plan(backbone);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir + " does not fit this backbone (" + ModuleTree.of(backbone).root().type()
                    + "; saved from " + config.backboneClass + "): " + e.getMessage(), e);
        }
        for (int i = 0; i < config.deltas.size(); i++) {
            List<String> planned = plan.deltas().get(i).modules();
            if (!planned.equals(config.deltas.get(i).modifiedModules)) {
                throw new IOException(dir + " does not fit this backbone: delta " + i + " ("
                        + config.deltas.get(i).deltaType + ") modified " + config.deltas.get(i).modifiedModules
                        + " when saved, but would modify " + planned + " here.");
            }
        }
        ModuleTree before = ModuleTree.of(backbone);
        NDManager manager = before.parameters().values().iterator().next().getArray().getManager();
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> weights = Safetensors.read(dir.resolve(WEIGHTS), scratch);
            Map<String, Parameter> backboneParams = new LinkedHashMap<>();
            for (String key : weights.keySet()) {
                Parameter p = before.parameters().get(key);
                if (p != null) {
                    backboneParams.put(key, p);
                }
            }
            checkShapes(backboneParams, weights, dir);
            Tuning tuning = plan.apply();
            try {
                Map<String, Parameter> targets = new LinkedHashMap<>(backboneParams);
                targets.putAll(tuning.deltaParameters());
                copyInto(targets, weights, dir);
            } catch (IOException | RuntimeException e) {
                tuning.detach();
                throw e;
            }
            return tuning;
        }
    }

    private static Config readConfig(Path dir) throws IOException {
        Path file = dir.resolve(CONFIG);
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(dir + " is not a delta4j checkpoint: it has no " + CONFIG + ".", e);
        }
        Config config;
        try {
            config = GSON.fromJson(json, Config.class);
        } catch (JsonParseException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (config == null || !FORMAT.equals(config.format) || config.deltas == null || config.deltas.isEmpty()) {
            throw new IOException(file + " is not a delta4j checkpoint config: expected \"format\": \"" + FORMAT
                    + "\" and a non-empty \"deltas\" list.");
        }
        return config;
    }

    private static DeltaSpec specOf(Entry e, Path dir) throws IOException {
        if (e.deltaType == null || e.modules == null || e.exclude == null || e.modifiedModules == null) {
            throw new IOException(dir.resolve(CONFIG) + ": each delta needs \"deltaType\", \"modules\", \"exclude\" "
                    + "and \"modifiedModules\".");
        }
        try {
            return DeltaSpecs.of(e.deltaType, e.modules, e.exclude, e.arguments == null ? Map.of() : e.arguments);
        } catch (IllegalArgumentException ex) {
            throw new IOException(dir.resolve(CONFIG) + ": " + ex.getMessage(), ex);
        }
    }

    private static void copyInto(Map<String, Parameter> params, Map<String, NDArray> weights, Path dir)
            throws IOException {
        TreeSet<String> missing = new TreeSet<>(params.keySet());
        missing.removeAll(weights.keySet());
        TreeSet<String> unexpected = new TreeSet<>(weights.keySet());
        unexpected.removeAll(params.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IOException(dir.resolve(WEIGHTS) + " does not match its config: missing tensors " + missing
                    + ", unexpected tensors " + unexpected + ".");
        }
        checkShapes(params, weights, dir);
        params.forEach((path, p) -> ParameterValues.assign(p, weights.get(path)));
    }

    private static void checkShapes(Map<String, Parameter> params, Map<String, NDArray> weights, Path dir)
            throws IOException {
        for (Map.Entry<String, Parameter> p : params.entrySet()) {
            NDArray source = weights.get(p.getKey());
            if (!p.getValue().getShape().equals(source.getShape())) {
                throw new IOException(dir.resolve(WEIGHTS) + ": tensor " + p.getKey() + " has shape "
                        + source.getShape() + ", the model expects " + p.getValue().getShape() + ".");
            }
        }
    }
}
