package org.delta4j.train;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.checkpoint.HfFolderWriter;
import org.delta4j.checkpoint.PeftAdapter;
import org.delta4j.delta.Tuning;

/**
 * Saves the values being trained, as they are now, in the format the run started from. A save must
 * be atomic (the folder is either written whole or left as it was), as every built-in one is.
 */
@FunctionalInterface
public interface ModelSaver {
    /**
     * @param dir the folder to write; an existing one is replaced whole
     * @throws IOException when writing fails; the folder is then as it was
     */
    void save(Path dir) throws IOException;

    /**
     * @param tuning the deltas being trained
     * @return a saver of delta4j checkpoints ({@link DeltaCheckpoint#save})
     */
    static ModelSaver deltaCheckpoint(Tuning tuning) {
        return dir -> DeltaCheckpoint.save(tuning, dir);
    }

    /**
     * @param tuning one LoRA delta being trained
     * @param baseModelNameOrPath PEFT's {@code base_model_name_or_path}, or null
     * @return a saver of PEFT adapter folders ({@link PeftAdapter#save})
     */
    static ModelSaver peftAdapter(Tuning tuning, String baseModelNameOrPath) {
        return dir -> PeftAdapter.save(tuning, dir, baseModelNameOrPath);
    }

    /**
     * @param model a model being fully fine-tuned (no deltas)
     * @param source the HF folder it was loaded from, for its config and tokenizer files
     * @return a saver of HF model folders ({@link HfFolderWriter#write})
     */
    static ModelSaver hfFolder(Block model, Path source) {
        return dir -> HfFolderWriter.write(model, source, dir);
    }
}
