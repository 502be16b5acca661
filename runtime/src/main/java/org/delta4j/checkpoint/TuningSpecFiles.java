package org.delta4j.checkpoint;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;

/**
 * Tuning specs as JSON files, in the delta checkpoint's config format ({@value
 * DeltaCheckpoint#CONFIG} of a {@link DeltaCheckpoint}), so a saved checkpoint's config serves as a
 * spec and a hand-written one needs only the deltas:
 *
 * <pre>{@code
 * {
 *   "deltas": [
 *     {"deltaType": "lora", "modules": ["query", "value"],
 *      "arguments": {"lora_r": 8, "lora_alpha": 16, "lora_dropout": 0.0}}
 *   ],
 *   "modulesToSave": ["classifier"]
 * }
 * }</pre>
 *
 * <p>Each delta has {@code deltaType} (OpenDelta's method name) and {@code modules}, optionally
 * {@code exclude}, {@code arguments} (OpenDelta's names; defaults where absent) and {@code
 * modifiedModules} (which must then be what the delta modifies). {@code modulesToSave} names
 * modules that train beside the deltas, as PEFT's {@code modules_to_save} ({@link
 * TuningSpec.Builder#modulesToSave}). Unknown fields are refused.
 */
public final class TuningSpecFiles {
    private TuningSpecFiles() {}

    /**
     * @param file a spec JSON file
     * @return its spec, checked as if built by hand; it freezes nothing
     * @throws IOException naming the file and what is wrong: missing, not JSON, an unknown field,
     *     an unknown method or an invalid argument
     */
    public static TuningSpec read(Path file) throws IOException {
        return CheckpointConfig.readSpec(file).spec(file, null);
    }

    /**
     * Attaches a spec file's deltas to a model for training, then freezes the rest of the backbone
     * as PEFT's {@code get_peft_model} does: only the deltas and the modules to save stay
     * trainable.
     *
     * @param file a spec JSON file
     * @param model the model to tune
     * @return the attached deltas
     * @throws IOException as {@link #read}, or when the spec does not fit the model (a pattern or
     *     module to save that matches nothing, with the closest module names; other modified
     *     modules than its {@code modifiedModules}); the model is then unchanged
     */
    public static Tuning attach(Path file, Block model) throws IOException {
        CheckpointConfig config = CheckpointConfig.readSpec(file);
        FreezeSpec freeze =
                FreezeSpec.builder().exclude(FreezeSpec.DELTAS).setStateDict(false).build();
        return LoadChecks.plan(config, file, file, freeze, model).apply();
    }
}
