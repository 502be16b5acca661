package org.delta4j.checkpoint;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.delta.Tuning;

/**
 * PEFT LoRA adapters: {@value #CONFIG} and {@value #WEIGHTS}, whose keys are {@code
 * base_model.model.<module path>.lora_A.weight} ({@code [r, in]}) and {@code ...lora_B.weight}
 * ({@code [out, r]}), whatever the module's weight layout ({@code fan_in_fan_out} only transposes
 * the merged update). Module paths are HF's, which are delta4j's, so an adapter trained in Python
 * loads as a delta4j LoRA delta and gives PEFT's outputs; one saved here has exactly PEFT's files
 * and keys. {@code modules_to_save} (and, for {@code SEQ_CLS} and {@code TOKEN_CLS}, the {@code
 * classifier} or {@code score} head PEFT adds to them) are whole modules trained beside LoRA, kept
 * as PEFT 0.7 keeps them, {@code base_model.model.<module path>.<parameter>}: loaded, their values
 * replace the module's until {@link Tuning#detach()} puts the backbone's own back ({@link
 * org.delta4j.delta.TuningSpec.Builder#modulesToSave}).
 *
 * <p>Loading checks the config (and the base model class its {@code auto_mapping} names, when it
 * names one), the weights' header, that every LoRA module has both matrices and exists on the
 * backbone, that {@code target_modules} selects exactly those modules, that each module to save
 * exists and the weights hold exactly its parameters, and every shape, before anything changes; a
 * failure says what and leaves the backbone untouched. A loaded adapter trains as PEFT's {@code
 * from_pretrained(..., is_trainable=True)}: the rest of the backbone is frozen. PEFT adapters carry
 * no checksum, so a corrupt value inside a tensor that leaves the file well-formed cannot be
 * caught.
 */
public final class PeftAdapter {
    /** The config file's name. */
    public static final String CONFIG = PeftAdapterConfig.FILE;

    /** The weights file's name. */
    public static final String WEIGHTS = "adapter_model.safetensors";

    private PeftAdapter() {}

    /**
     * Attaches a PEFT LoRA adapter as one delta4j LoRA delta, with its modules to save, and freezes
     * every other backbone parameter.
     *
     * @param dir the adapter folder
     * @param backbone the model the adapter was trained on (PEFT's base model)
     * @return the attached delta
     * @throws IOException when the folder or its files are missing, corrupt, use what delta4j does
     *     not run, or do not fit this backbone, saying which; the backbone is then unchanged
     */
    public static Tuning load(Path dir, Block backbone) throws IOException {
        return PeftAdapterReader.load(dir, backbone);
    }

    /**
     * Saves one LoRA delta, with the modules trained beside it, as a PEFT adapter, with no base
     * model name.
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
     * Saves one LoRA delta as a PEFT adapter: PEFT's config keys, {@code target_modules} as the
     * shortest module names that select exactly the modified modules, {@code fan_in_fan_out} for
     * {@code [in, out]} weights, {@code modules_to_save} as the tuning's entries with their
     * modules' parameters, and the task type a model class name implies ({@code CAUSAL_LM} for
     * {@code ...LMHeadModel} and {@code ...ForCausalLM}, {@code SEQ_CLS} for {@code
     * ...ForSequenceClassification}, {@code SEQ_2_SEQ_LM} for {@code ...ForConditionalGeneration},
     * none otherwise).
     *
     * @param tuning attached deltas: exactly one, LoRA
     * @param dir the adapter folder; an existing folder there is replaced whole
     * @param baseModelNameOrPath PEFT's {@code base_model_name_or_path}, or {@code null}
     * @throws IOException when writing fails; the folder is then as it was
     * @throws IllegalArgumentException when the tuning is not one LoRA delta
     */
    public static void save(Tuning tuning, Path dir, String baseModelNameOrPath)
            throws IOException {
        PeftAdapterWriter.save(tuning, dir, baseModelNameOrPath);
    }
}
