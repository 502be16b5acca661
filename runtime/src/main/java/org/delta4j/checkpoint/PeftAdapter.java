package org.delta4j.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.delta4j.delta.AttachedDelta;
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningPlan;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.lora.LowRankLinear;
import org.delta4j.io.AtomicFolder;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.tree.ModuleTree;

/**
 * PEFT LoRA adapters: {@value #CONFIG} and {@value #WEIGHTS}, whose keys are
 * {@code base_model.model.<module path>.lora_A.weight} ({@code [r, in]}) and {@code ...lora_B.weight}
 * ({@code [out, r]}), whatever the module's weight layout ({@code fan_in_fan_out} only transposes the merged update).
 * Module paths are HF's, which are delta4j's, so an adapter trained in Python loads as a delta4j LoRA delta and gives
 * PEFT's outputs; one saved here has exactly PEFT's files and keys.
 *
 * <p>Loading checks the config (and the base model class its {@code auto_mapping} names, when it names one), the
 * weights' header, that every LoRA module has both matrices and exists on the backbone, that {@code target_modules}
 * selects exactly those modules, and every shape, before anything changes; a failure says what and leaves the
 * backbone untouched. PEFT adapters carry no checksum, so a corrupt value inside a
 * tensor that leaves the file well-formed cannot be caught.
 */
public final class PeftAdapter {
    /** The config file's name. */
    public static final String CONFIG = PeftAdapterConfig.FILE;
    /** The weights file's name. */
    public static final String WEIGHTS = "adapter_model.safetensors";

    private static final String PREFIX = "base_model.model.";
    private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "(.+)\\.lora_([AB])\\.weight");

    private PeftAdapter() {}

    /**
     * Attaches a PEFT LoRA adapter as one delta4j LoRA delta.
     *
     * @param dir the adapter folder
     * @param backbone the model the adapter was trained on (PEFT's base model)
     * @return the attached delta
     * @throws IOException when the folder or its files are missing, corrupt, use what delta4j does not run, or do
     *     not fit this backbone, saying which; the backbone is then unchanged
     */
    public static Tuning load(Path dir, Block backbone) throws IOException {
        Path file = requireFiles(dir);
        PeftAdapterConfig config = PeftAdapterConfig.read(dir);
        String modelClass = ModuleTree.of(backbone).root().type();
        if (config.baseModelClass() != null && !config.baseModelClass().equals(modelClass)) {
            throw new IOException(dir + " was trained on a " + config.baseModelClass() + " (its auto_mapping says so), "
                    + "not on this " + modelClass + ".");
        }
        try (SafetensorsFile weights = Safetensors.open(file);
                NDManager scratch = DeltaValues.managerOf(backbone).newSubManager()) {
            List<String> paths = ModuleTree.of(backbone).backbonePaths();
            List<String> modules = modulesOf(weights.names(), file, paths);
            List<String> targets = targets(config, paths, modules, dir);
            TuningPlan plan = plan(config, targets, paths, backbone, dir);
            // Canonical delta paths to PEFT's keys: the header is checked against the plan before anything is read.
            Map<String, String> keys = new LinkedHashMap<>();
            for (String module : targets) {
                keys.put(module + ".lora.lora_A", key(module, "A"));
                keys.put(module + ".lora.lora_B", key(module, "B"));
            }
            Map<String, Shape> shapes = new LinkedHashMap<>();
            keys.forEach((path, key) -> shapes.put(path, weights.info(key).shape()));
            try {
                DeltaValues.check(plan, shapes, path -> keys.getOrDefault(path, path));
                Map<String, NDArray> values = new LinkedHashMap<>();
                for (Map.Entry<String, String> k : keys.entrySet()) {
                    values.put(k.getKey(), weights.read(k.getValue(), scratch));
                }
                return DeltaValues.apply(plan, values);
            } catch (RuntimeException e) {
                throw new IOException(file + " does not fit this backbone: " + e.getMessage() + ".", e);
            }
        }
    }

    /**
     * Saves one LoRA delta as a PEFT adapter, with no base model name.
     *
     * @param tuning attached deltas: exactly one, LoRA
     * @param dir the adapter folder; an existing folder there is replaced whole
     * @throws IOException when writing fails; the folder is then as it was
     * @throws IllegalArgumentException when the tuning is not one LoRA delta
     */
    public static void save(Tuning tuning, Path dir) throws IOException {
        save(tuning, dir, null);
    }

    /**
     * Saves one LoRA delta as a PEFT adapter: PEFT's config keys, {@code target_modules} as the shortest module
     * names that select exactly the modified modules, {@code fan_in_fan_out} for {@code [in, out]} weights, and the
     * task type a model class name implies ({@code CAUSAL_LM} for {@code ...LMHeadModel} and
     * {@code ...ForCausalLM}, {@code SEQ_2_SEQ_LM} for {@code ...ForConditionalGeneration}, none otherwise).
     *
     * @param tuning attached deltas: exactly one, LoRA
     * @param dir the adapter folder; an existing folder there is replaced whole
     * @param baseModelNameOrPath PEFT's {@code base_model_name_or_path}, or {@code null}
     * @throws IOException when writing fails; the folder is then as it was
     * @throws IllegalArgumentException when the tuning is not one LoRA delta
     */
    public static void save(Tuning tuning, Path dir, String baseModelNameOrPath) throws IOException {
        if (!tuning.isAttached()) {
            throw new IllegalStateException("the deltas are detached; reattach() them to save them");
        }
        AttachedDelta delta = onlyLora(tuning);
        LoraSpec spec = (LoraSpec) delta.spec();
        Map<String, Parameter> params = DeltaValues.canonicalParameters(tuning);
        Map<String, NDArray> weights = new LinkedHashMap<>();
        boolean fanInFanOut = false;
        ModuleTree tree = ModuleTree.of(tuning.backbone());
        for (String module : delta.modifiedModules()) {
            weights.put(key(module, "A"), params.get(module + ".lora.lora_A").getArray());
            weights.put(key(module, "B"), params.get(module + ".lora.lora_B").getArray());
            fanInFanOut |= ((LowRankLinear) tree.module(layerOf(delta, module)).block()).fanInFanOut();
        }
        PeftAdapterConfig config = new PeftAdapterConfig(spec.r(), spec.alpha(), spec.dropout(),
                PeftTargets.shortestNames(delta.modifiedModules(), tree.backbonePaths()), null, fanInFanOut,
                baseModelNameOrPath, taskType(tree.root().type()), null);
        AtomicFolder.write(dir, tmp -> {
            Safetensors.write(tmp.resolve(WEIGHTS), weights, Map.of());
            Files.writeString(tmp.resolve(CONFIG), config.toJson());
        });
    }

    private static Path requireFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        if (!Files.exists(dir.resolve(CONFIG))) {
            throw new IOException(dir + " is not a PEFT adapter: it has no " + CONFIG + ".");
        }
        Path file = dir.resolve(WEIGHTS);
        if (!Files.exists(file)) {
            throw new IOException(dir + " has no " + WEIGHTS + (Files.exists(dir.resolve("adapter_model.bin"))
                    ? ", only adapter_model.bin (a PyTorch pickle, which delta4j does not read); save the adapter "
                            + "with safe_serialization=True."
                    : "."));
        }
        return file;
    }

    /** The modules the weights hold LoRA matrices for, in backbone order, each with both A and B. */
    private static List<String> modulesOf(List<String> names, Path file, List<String> paths) throws IOException {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (String name : names) {
            Matcher m = KEY.matcher(name);
            if (m.matches()) {
                found.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
            } else {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new IOException(file + " has tensors that are no LoRA matrices of a linear layer (" + unexpected
                    + "): delta4j reads base_model.model.<module>.lora_A.weight and lora_B.weight only (not LoRA on "
                    + "embeddings, DoRA magnitudes or saved modules).");
        }
        TreeSet<String> halves = new TreeSet<>();
        found.forEach((module, ab) -> {
            if (ab.size() < 2) {
                halves.add(key(module, ab.contains("A") ? "B" : "A"));
            }
        });
        if (!halves.isEmpty()) {
            throw new IOException(file + " is incomplete: missing tensors " + halves + ".");
        }
        TreeSet<String> absent = new TreeSet<>(found.keySet());
        absent.removeAll(paths);
        if (!absent.isEmpty()) {
            throw new IOException(file + " does not fit this backbone: it has no modules " + absent
                    + " (the adapter was trained on another model).");
        }
        if (found.isEmpty()) {
            throw new IOException(file + " holds no LoRA matrices.");
        }
        return paths.stream().filter(found::containsKey).toList();
    }

    /** The modules {@code target_modules} selects, which must be those the weights hold. */
    private static List<String> targets(PeftAdapterConfig config, List<String> paths, List<String> modules, Path dir)
            throws IOException {
        if (config.targetModules() == null && config.targetRegex() == null) {
            return modules;
        }
        List<String> selected;
        try {
            selected = PeftTargets.select(paths, config.targetModules(), config.targetRegex());
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(CONFIG) + ": " + e.getMessage(), e);
        }
        if (!selected.equals(modules)) {
            Set<String> noWeights = new TreeSet<>(selected);
            modules.forEach(noWeights::remove);
            Set<String> notTargeted = new TreeSet<>(modules);
            selected.forEach(notTargeted::remove);
            throw new IOException(dir + " is inconsistent or was trained on another model: target_modules selects "
                    + "modules without weights " + noWeights + " and the weights hold modules it does not select "
                    + notTargeted + ".");
        }
        return selected;
    }

    private static TuningPlan plan(PeftAdapterConfig config, List<String> targets, List<String> paths, Block backbone,
            Path dir) throws IOException {
        TuningPlan plan;
        try {
            LoraSpec spec = LoraSpec.builder().modules(PeftTargets.shortestNames(targets, paths).toArray(new String[0]))
                    .exclude().r(config.r()).alpha(config.loraAlpha()).dropout(config.loraDropout()).build();
            plan = TuningSpec.builder().add(spec).build().plan(backbone);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir + " does not fit this backbone: " + e.getMessage(), e);
        }
        if (!plan.deltas().get(0).modules().equals(targets)) {
            throw new IOException(dir + ": delta4j would modify " + plan.deltas().get(0).modules()
                    + " instead of " + targets + ".");
        }
        return plan;
    }

    private static AttachedDelta onlyLora(Tuning tuning) {
        List<AttachedDelta> deltas = tuning.deltas();
        if (deltas.size() != 1 || !(deltas.get(0).spec() instanceof LoraSpec)) {
            List<String> methods = deltas.stream().map(d -> d.spec().method()).toList();
            throw new IllegalArgumentException("A PEFT LoRA adapter holds exactly one LoRA delta; these deltas are "
                    + methods + ".");
        }
        return deltas.get(0);
    }

    /** The path of a delta's LoRA layer on a module (it is {@code lora}, or {@code lora_1} beside another). */
    private static String layerOf(AttachedDelta delta, String module) {
        for (String layer : delta.layers()) {
            if (layer.startsWith(module + ".") && layer.indexOf('.', module.length() + 1) < 0) {
                return layer;
            }
        }
        throw new IllegalStateException("no LoRA layer on " + module);
    }

    private static String key(String module, String matrix) {
        return PREFIX + module + ".lora_" + matrix + ".weight";
    }

    private static String taskType(String modelClass) {
        if (modelClass.endsWith("LMHeadModel") || modelClass.endsWith("ForCausalLM")) {
            return "CAUSAL_LM";
        }
        return modelClass.endsWith("ForConditionalGeneration") ? "SEQ_2_SEQ_LM" : null;
    }
}
