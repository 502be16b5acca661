package org.delta4j.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
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
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningPlan;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.tree.ModuleTree;

/**
 * Reads a PEFT LoRA adapter folder onto a backbone ({@link PeftAdapter#load}): files, config,
 * weights' header, modules, targets and shapes are all checked against the plan before anything is
 * read into the backbone.
 */
final class PeftAdapterReader {
    private PeftAdapterReader() {}

    /** See {@link PeftAdapter#load}. */
    static Tuning load(Path dir, Block backbone) throws IOException {
        Path file = requireFiles(dir);
        PeftAdapterConfig config = PeftAdapterConfig.read(dir);
        String modelClass = ModuleTree.of(backbone).root().type();
        if (config.baseModelClass() != null && !config.baseModelClass().equals(modelClass)) {
            throw new IOException(
                    dir
                            + " was trained on a "
                            + config.baseModelClass()
                            + " (its auto_mapping says so), "
                            + "not on this "
                            + modelClass
                            + ".");
        }
        try (SafetensorsFile weights = Safetensors.open(file);
                NDManager scratch = DeltaValues.managerOf(backbone).newSubManager()) {
            List<String> paths = ModuleTree.of(backbone).backbonePaths();
            List<String> modules = modulesOf(weights.names(), file, paths);
            List<String> targets = targets(config, paths, modules, dir);
            TuningPlan plan = plan(config, targets, paths, backbone, dir);
            // Canonical delta paths to PEFT's keys: the header is checked against the plan before
            // anything is read.
            Map<String, String> keys = new LinkedHashMap<>();
            for (String module : targets) {
                for (String matrix : PeftKeys.MATRICES) {
                    keys.put(PeftKeys.canonicalPath(module, matrix), PeftKeys.key(module, matrix));
                }
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
                throw new IOException(
                        file + " does not fit this backbone: " + e.getMessage() + ".", e);
            }
        }
    }

    private static Path requireFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        if (!Files.exists(dir.resolve(PeftAdapter.CONFIG))) {
            throw new IOException(
                    dir + " is not a PEFT adapter: it has no " + PeftAdapter.CONFIG + ".");
        }
        Path file = dir.resolve(PeftAdapter.WEIGHTS);
        if (!Files.exists(file)) {
            boolean pickle = Files.exists(dir.resolve("adapter_model.bin"));
            throw new IOException(
                    dir
                            + " has no "
                            + PeftAdapter.WEIGHTS
                            + (pickle
                                    ? ", only adapter_model.bin (a PyTorch pickle, which delta4j does not read); save the adapter "
                                            + "with safe_serialization=True."
                                    : "."));
        }
        return file;
    }

    /**
     * The modules the weights hold LoRA matrices for, in backbone order, each with both A and B.
     */
    private static List<String> modulesOf(List<String> names, Path file, List<String> paths)
            throws IOException {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (String name : names) {
            Matcher m = PeftKeys.parse(name);
            if (m.matches()) {
                found.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
            } else {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new IOException(
                    file
                            + " has tensors that are no LoRA matrices of a linear layer ("
                            + unexpected
                            + "): delta4j reads base_model.model.<module>.lora_A.weight and lora_B.weight only (not LoRA on "
                            + "embeddings, DoRA magnitudes or saved modules).");
        }
        TreeSet<String> halves = new TreeSet<>();
        found.forEach(
                (module, ab) -> {
                    if (ab.size() < 2) {
                        halves.add(PeftKeys.key(module, ab.contains("A") ? "B" : "A"));
                    }
                });
        if (!halves.isEmpty()) {
            throw new IOException(file + " is incomplete: missing tensors " + halves + ".");
        }
        TreeSet<String> absent = new TreeSet<>(found.keySet());
        absent.removeAll(paths);
        if (!absent.isEmpty()) {
            throw new IOException(
                    file
                            + " does not fit this backbone: it has no modules "
                            + absent
                            + " (the adapter was trained on another model).");
        }
        if (found.isEmpty()) {
            throw new IOException(file + " holds no LoRA matrices.");
        }
        return paths.stream().filter(found::containsKey).toList();
    }

    /** The modules {@code target_modules} selects, which must be those the weights hold. */
    private static List<String> targets(
            PeftAdapterConfig config, List<String> paths, List<String> modules, Path dir)
            throws IOException {
        if (config.targetModules() == null && config.targetRegex() == null) {
            return modules;
        }
        List<String> selected;
        try {
            selected = PeftTargets.select(paths, config.targetModules(), config.targetRegex());
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(PeftAdapter.CONFIG) + ": " + e.getMessage(), e);
        }
        if (!selected.equals(modules)) {
            Set<String> noWeights = new TreeSet<>(selected);
            modules.forEach(noWeights::remove);
            Set<String> notTargeted = new TreeSet<>(modules);
            selected.forEach(notTargeted::remove);
            throw new IOException(
                    dir
                            + " is inconsistent or was trained on another model: target_modules selects "
                            + "modules without weights "
                            + noWeights
                            + " and the weights hold modules it does not select "
                            + notTargeted
                            + ".");
        }
        return selected;
    }

    private static TuningPlan plan(
            PeftAdapterConfig config,
            List<String> targets,
            List<String> paths,
            Block backbone,
            Path dir)
            throws IOException {
        TuningPlan plan;
        try {
            LoraSpec spec =
                    LoraSpec.builder()
                            .modules(
                                    PeftTargets.shortestNames(targets, paths)
                                            .toArray(new String[0]))
                            .exclude()
                            .r(config.r())
                            .alpha(config.loraAlpha())
                            .dropout(config.loraDropout())
                            .build();
            plan = TuningSpec.builder().add(spec).build().plan(backbone);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir + " does not fit this backbone: " + e.getMessage(), e);
        }
        if (!plan.deltas().get(0).modules().equals(targets)) {
            throw new IOException(
                    dir
                            + ": delta4j would modify "
                            + plan.deltas().get(0).modules()
                            + " instead of "
                            + targets
                            + ".");
        }
        return plan;
    }
}
