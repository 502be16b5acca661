package org.delta4j.checkpoint;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.TuningPlan;
import org.delta4j.delta.TuningSpec;
import org.delta4j.io.Sha256;
import org.delta4j.tree.ModuleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks {@link DeltaCheckpoint#load} makes before it touches the backbone: the weights file's
 * checksum, the backbone's fingerprint, and the modules each delta would modify.
 */
final class LoadChecks {
    /** Logged under {@link DeltaCheckpoint}'s name, where users configure checkpoint logging. */
    private static final Logger LOG = LoggerFactory.getLogger(DeltaCheckpoint.class);

    private LoadChecks() {}

    /**
     * The deltas' plan on this backbone, which must modify exactly the modules they modified when
     * saved (when the config records them).
     *
     * @param config the config
     * @param source the checkpoint folder or spec file, for messages
     * @param file the config file, for messages about its content
     * @param freeze how the plan freezes the backbone, or {@code null}
     * @param backbone the backbone
     */
    static TuningPlan plan(
            CheckpointConfig config, Path source, Path file, FreezeSpec freeze, Block backbone)
            throws IOException {
        TuningPlan plan;
        TuningSpec spec = config.spec(file, freeze);
        try {
            plan = spec.plan(backbone);
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    source
                            + " does not fit this backbone ("
                            + ModuleTree.of(backbone).root().type()
                            + (config.backbone == null
                                    ? ""
                                    : "; saved from " + config.backbone.modelClass)
                            + "): "
                            + e.getMessage(),
                    e);
        }
        for (int i = 0; i < config.deltas.size(); i++) {
            List<String> planned = plan.deltas().get(i).modules();
            CheckpointConfig.Entry saved = config.deltas.get(i);
            if (saved.modifiedModules != null && !planned.equals(saved.modifiedModules)) {
                throw new IOException(
                        source
                                + " does not fit this backbone: delta "
                                + i
                                + " ("
                                + saved.deltaType
                                + ") modified "
                                + saved.modifiedModules
                                + " when saved, but would modify "
                                + planned
                                + " here.");
            }
        }
        return plan;
    }

    /** The weights file exists and has the checksum the config records. */
    static void verifyChecksum(Path file, String expected) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(
                    file.getParent()
                            + " is incomplete: it has no "
                            + DeltaCheckpoint.WEIGHTS
                            + ".");
        }
        String actual = Sha256.ofFile(file);
        if (!actual.equals(expected)) {
            throw new IOException(
                    file
                            + " is corrupt or truncated: its SHA-256 is "
                            + actual
                            + ", but "
                            + DeltaCheckpoint.CONFIG
                            + " records "
                            + expected
                            + ".");
        }
    }

    /**
     * The backbone has the saved structure, and the saved frozen weights unless {@code check}
     * accepts others (with a warning).
     */
    static void checkBackbone(
            CheckpointConfig.Backbone saved,
            CheckpointConfig.Backbone here,
            Path dir,
            BackboneCheck check)
            throws IOException {
        if (!saved.structureSha256.equals(here.structureSha256)) {
            throw new IOException(
                    dir
                            + " was saved from another backbone: a "
                            + saved.modelClass
                            + " whose parameters the deltas rely on differ from this "
                            + here.modelClass
                            + "'s in name, shape or type (structure SHA-256 "
                            + saved.structureSha256
                            + ", here "
                            + here.structureSha256
                            + "). Load it onto the model it was trained on.");
        }
        if (!saved.parametersSha256.equals(here.parametersSha256)) {
            String what =
                    dir
                            + " was saved from a "
                            + saved.modelClass
                            + " with other weights: the frozen "
                            + "parameters the deltas were trained with differ from this backbone's (SHA-256 "
                            + saved.parametersSha256
                            + ", here "
                            + here.parametersSha256
                            + ")";
            if (check == BackboneCheck.EXACT) {
                throw new IOException(
                        what
                                + ". Load it onto the weights it was trained on, or load with "
                                + "BackboneCheck.STRUCTURE to accept other weights.");
            }
            LOG.warn("{}; loading anyway, as asked.", what);
        }
    }
}
