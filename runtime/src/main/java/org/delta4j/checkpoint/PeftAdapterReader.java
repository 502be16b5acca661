package org.delta4j.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningPlan;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.tree.ModuleTree;

/**
 * Reads a PEFT LoRA adapter folder onto a backbone ({@link PeftAdapter#load}): files, config,
 * weights' header, modules, targets, modules to save and shapes are all checked against the plan
 * before anything is read into the backbone.
 */
final class PeftAdapterReader {
    /** PEFT's task types whose model class saves its classification head. */
    private static final Set<String> CLASSIFICATION_TASKS = Set.of("SEQ_CLS", "TOKEN_CLS");

    /** The head names those model classes save, in PEFT's order. */
    private static final List<String> CLASSIFICATION_HEADS = List.of("classifier", "score");

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
            List<String> names = weights.names();
            List<String> paths = ModuleTree.of(backbone).backbonePaths();
            List<String> toSave = modulesToSave(config, paths, names);
            List<String> modules = modulesOf(names, file, paths, !toSave.isEmpty());
            List<String> targets = targets(config, paths, modules, dir);
            TuningPlan plan = plan(config, targets, toSave, paths, backbone, dir);
            // Canonical delta paths and copied backbone paths to PEFT's keys: the header is
            // checked against the plan before anything is read.
            Map<String, String> keys = new LinkedHashMap<>();
            for (String module : targets) {
                for (String matrix : PeftKeys.MATRICES) {
                    keys.put(PeftKeys.canonicalPath(module, matrix), PeftKeys.key(module, matrix));
                }
            }
            plan.copies().keySet().forEach(path -> keys.put(path, PeftKeys.savedKey(path)));
            refuseOthers(names, keys.values(), file);
            Map<String, Shape> shapes = new LinkedHashMap<>();
            keys.forEach(
                    (path, key) -> {
                        if (names.contains(key)) {
                            shapes.put(path, weights.info(key).shape());
                        }
                    });
            try {
                DeltaValues.check(plan, shapes, path -> keys.getOrDefault(path, path));
                Map<String, NDArray> values = new LinkedHashMap<>();
                for (String path : shapes.keySet()) {
                    values.put(path, weights.read(keys.get(path), scratch));
                }
                // Frozen only once everything fits, so a failed load leaves every flag as it was.
                return DeltaValues.apply(plan, values)
                        .freeze(
                                FreezeSpec.builder()
                                        .exclude(FreezeSpec.DELTAS)
                                        .setStateDict(false)
                                        .build());
            } catch (RuntimeException e) {
                throw new IOException(
                        file + " does not fit this backbone: " + e.getMessage() + ".", e);
            }
        }
    }

    /**
     * The config's modules to save and, for a classification task, the head PEFT's {@code
     * PeftModelForSequenceClassification} (and {@code ...TokenClassification}) adds to them
     * whatever the config says ({@code classifier} or {@code score}), when the weights hold it.
     */
    private static List<String> modulesToSave(
            PeftAdapterConfig config, List<String> paths, List<String> names) {
        List<String> out = new ArrayList<>(config.modulesToSave());
        if (config.taskType() != null && CLASSIFICATION_TASKS.contains(config.taskType())) {
            for (String head : CLASSIFICATION_HEADS) {
                boolean saved =
                        paths.stream()
                                .filter(p -> p.endsWith(head))
                                .map(p -> PeftKeys.savedKey(p) + ".")
                                .anyMatch(k -> names.stream().anyMatch(n -> n.startsWith(k)));
                if (saved && !out.contains(head)) {
                    out.add(head);
                }
            }
        }
        return out;
    }

    /** Every tensor is a LoRA matrix or a parameter of a module to save. */
    private static void refuseOthers(List<String> names, Collection<String> expected, Path file)
            throws IOException {
        TreeSet<String> others = new TreeSet<>(names);
        others.removeAll(expected);
        if (!others.isEmpty()) {
            throw new IOException(
                    file
                            + " has tensors that are neither LoRA matrices of the targeted modules "
                            + "nor parameters of its modules_to_save: "
                            + others
                            + ".");
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
     * Other tensors are refused here unless the config has modules to save, whose parameters they
     * may be (checked once those are known).
     */
    private static List<String> modulesOf(
            List<String> names, Path file, List<String> paths, boolean copies) throws IOException {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (String name : names) {
            Matcher m = PeftKeys.parse(name);
            if (m.matches()) {
                found.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
            } else if (!copies) {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new IOException(
                    file
                            + " has tensors that are no LoRA matrices of a linear layer ("
                            + unexpected
                            + "): delta4j reads base_model.model.<module>.lora_A.weight and lora_B.weight, and the "
                            + "parameters of the modules_to_save the config names (not LoRA on embeddings or DoRA "
                            + "magnitudes).");
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
            List<String> modulesToSave,
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
            plan =
                    TuningSpec.builder()
                            .add(spec)
                            .modulesToSave(modulesToSave.toArray(new String[0]))
                            .build()
                            .plan(backbone);
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
