package org.delta4j.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.delta4j.Delta4j;
import org.delta4j.delta.AttachedDelta;
import org.delta4j.delta.DeltaRegistry;
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningPlan;
import org.delta4j.io.AtomicFolder;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.io.Sha256;
import org.delta4j.tree.ModuleTree;

/**
 * A delta-only checkpoint folder: {@value #CONFIG} (each delta's method, arguments, patterns and
 * the modules it modified; the backbone's class and {@link BackboneFingerprint}; the weights file's
 * SHA-256; the delta4j version; the modules to save) and {@value #WEIGHTS}: the delta parameters
 * (by canonical path, see {@link DeltaValues}), the parameters of the modules that train beside
 * them ({@link Tuning#copiedModules()}, whether trainable at the time or not) and every other
 * backbone parameter left trainable (such as the layer norms a freeze excluded), under their
 * backbone paths, as OpenDelta saves its trainable state dict. Kilobytes, not the backbone's
 * gigabytes.
 *
 * <p>Saving writes a temporary folder and moves it into place, so a crash never leaves half a
 * checkpoint. Loading checks everything it can before it attaches (the config, the weights file's
 * checksum and header, the backbone's fingerprint, the modules each delta would modify), and
 * detaches again if the weights do not fit, so a failed load leaves the backbone untouched and says
 * why: a wrong backbone, a truncated or corrupt file, a missing tensor, an unknown method. Folders
 * written by earlier development versions ({@code delta_config.json}) are not read.
 */
public final class DeltaCheckpoint {
    /** The config file's name. */
    public static final String CONFIG = "config.json";

    /** The weights file's name. */
    public static final String WEIGHTS = "delta_model.safetensors";

    /** The config's format tag. */
    public static final String FORMAT = CheckpointConfig.FORMAT;

    private static final String OLD_CONFIG = "delta_config.json";

    private DeltaCheckpoint() {}

    /**
     * Saves the deltas of a tuning.
     *
     * @param tuning the attached deltas
     * @param dir the checkpoint folder; an existing folder there is replaced whole
     * @throws IOException when writing fails; the folder is then as it was
     * @throws IllegalStateException when the deltas are detached
     */
    public static void save(Tuning tuning, Path dir) throws IOException {
        if (!tuning.isAttached()) {
            throw new IllegalStateException(
                    "the deltas are detached; reattach() them to save them");
        }
        Map<String, NDArray> weights = new LinkedHashMap<>();
        DeltaValues.canonicalParameters(tuning)
                .forEach((path, p) -> weights.put(path, p.getArray()));
        tuning.copyParameters().forEach((path, p) -> weights.put(path, p.getArray()));
        trainableBackbone(tuning).forEach((path, p) -> weights.put(path, p.getArray()));
        CheckpointConfig config = new CheckpointConfig();
        config.format = FORMAT;
        config.delta4jVersion = Delta4j.VERSION;
        config.backbone = backboneOf(tuning.backbone(), weights.keySet());
        config.deltas = tuning.deltas().stream().map(CheckpointConfig.Entry::of).toList();
        // Absent, not empty, when there are none: configs without copies stay as before.
        config.modulesToSave = tuning.modulesToSave().isEmpty() ? null : tuning.modulesToSave();
        AtomicFolder.write(
                dir,
                tmp -> {
                    Path file = tmp.resolve(WEIGHTS);
                    Safetensors.write(file, weights, Map.of("format", FORMAT));
                    config.weightsSha256 = Sha256.ofFile(file);
                    Files.writeString(tmp.resolve(CONFIG), config.toSealedJson());
                });
    }

    /**
     * Rebuilds the saved deltas on a backbone and loads their weights, and the saved backbone
     * parameters, checking the backbone {@link BackboneCheck#EXACT exactly}. The deltas are
     * trainable; freeze with {@link Tuning#freeze} to keep training them.
     *
     * @param dir the checkpoint folder
     * @param backbone the backbone the deltas were trained on
     * @return the attached deltas
     * @throws IOException when the folder or its files are missing, corrupt or do not fit this
     *     backbone, saying which; the backbone is then unchanged
     */
    public static Tuning load(Path dir, Block backbone) throws IOException {
        return load(dir, backbone, BackboneCheck.EXACT);
    }

    /**
     * As {@link #load(Path, Block)}, with a choice of how strictly the backbone must match.
     *
     * @param dir the checkpoint folder
     * @param backbone the backbone
     * @param check what a backbone with other frozen weights gives: an error, or a logged warning
     * @return the attached deltas
     * @throws IOException when the folder or its files are missing, corrupt or do not fit this
     *     backbone, saying which; the backbone is then unchanged
     */
    public static Tuning load(Path dir, Block backbone, BackboneCheck check) throws IOException {
        if (!Files.exists(dir.resolve(CONFIG)) && Files.exists(dir.resolve(OLD_CONFIG))) {
            throw new IOException(
                    dir
                            + " was saved by an earlier development version of delta4j ("
                            + OLD_CONFIG
                            + "), whose checkpoints this version does not read; save the deltas again.");
        }
        CheckpointConfig config = CheckpointConfig.read(dir, CONFIG);
        Path file = dir.resolve(WEIGHTS);
        LoadChecks.verifyChecksum(file, config.weightsSha256);
        TuningPlan plan = LoadChecks.plan(config, dir, dir.resolve(CONFIG), null, backbone);
        NDManager manager = DeltaValues.managerOf(backbone);
        try (SafetensorsFile weights = Safetensors.open(file);
                NDManager scratch = manager.newSubManager()) {
            LoadChecks.checkBackbone(
                    config.backbone, backboneOf(backbone, Set.copyOf(weights.names())), dir, check);
            Map<String, Shape> shapes = new LinkedHashMap<>();
            weights.names().forEach(name -> shapes.put(name, weights.info(name).shape()));
            try {
                // The header against the plan's predicted parameters, before any tensor is read or
                // any delta allocated: a rank of millions in an edited config fails here.
                DeltaValues.check(plan, shapes, name -> name);
                Map<String, NDArray> values = new LinkedHashMap<>();
                for (String name : weights.names()) {
                    values.put(name, weights.read(name, scratch));
                }
                return DeltaValues.apply(plan, values);
            } catch (RuntimeException e) {
                throw new IOException(
                        file + " does not fit its config: " + e.getMessage() + ".", e);
            }
        }
    }

    private static CheckpointConfig.Backbone backboneOf(Block backbone, Set<String> carried) {
        BackboneFingerprint fingerprint = BackboneFingerprint.of(backbone, carried);
        CheckpointConfig.Backbone b = new CheckpointConfig.Backbone();
        b.modelClass = ModuleTree.of(backbone).root().type();
        b.structureSha256 = fingerprint.structure();
        b.parametersSha256 = fingerprint.parameters();
        return b;
    }

    /** Backbone parameters left trainable that belong to no delta and no copied module, by path. */
    private static Map<String, Parameter> trainableBackbone(Tuning tuning) {
        Set<Parameter> deltas = Collections.newSetFromMap(new IdentityHashMap<>());
        deltas.addAll(DeltaRegistry.of(tuning.backbone()).deltaParameters());
        deltas.addAll(tuning.copyParameters().values());
        for (AttachedDelta d : tuning.deltas()) {
            deltas.addAll(d.parameters().values());
        }
        Map<String, Parameter> out = new LinkedHashMap<>();
        DeltaValues.backboneParameters(tuning.backbone())
                .forEach(
                        (path, p) -> {
                            if (p.requiresGradient() && deltas.add(p)) {
                                out.put(path, p);
                            }
                        });
        return out;
    }
}
