package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.delta4j.models.ModelConfig;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.models.llama.LlamaFamilyConfig;

/**
 * What the Llama-family cases share: the HF folder the model loads from, its configuration, the
 * batch shape and the seed of the inputs, which are random token ids (the same for every case) with
 * an all-ones attention mask.
 *
 * @param folder the HF model folder ({@code config.json} and safetensors weights)
 * @param config its configuration
 * @param batch the batch size
 * @param length the sequence length
 * @param seed the seed of the token ids
 */
public record LlamaSetup(Path folder, LlamaFamilyConfig config, int batch, int length, int seed) {
    /**
     * @param folder an HF folder of a Llama-family model
     * @param batch the batch size
     * @param length the sequence length
     * @param seed the seed of the token ids
     * @return the setup
     * @throws IOException when the folder's {@code config.json} cannot be read
     * @throws IllegalArgumentException when it is not a Llama-family configuration
     */
    public static LlamaSetup read(Path folder, int batch, int length, int seed) throws IOException {
        ModelConfig config = HfModels.readConfig(folder);
        if (!(config instanceof LlamaFamilyConfig family)) {
            throw new IllegalArgumentException(
                    folder.resolve("config.json")
                            + " is a "
                            + config.modelType()
                            + " model; this benchmark takes a Llama-family one (llama, mistral,"
                            + " qwen2)");
        }
        return new LlamaSetup(folder, family, batch, length, seed);
    }

    /**
     * @param name the model's name
     * @return a model loaded from the folder with {@link HfModels#load}, its weights in the model's
     *     manager
     * @throws UncheckedIOException when the folder cannot be loaded
     */
    public Model load(String name) {
        Model model = Model.newInstance(name);
        try {
            model.setBlock(HfModels.load(folder, model.getNDManager()));
            return model;
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param manager the manager that will own the arrays
     * @return {@code input_ids} (random over the vocabulary) and {@code attention_mask}, {@code
     *     [batch, length]}, named
     */
    public NDList inputs(NDManager manager) {
        Random random = new Random(seed);
        long[][] ids = new long[batch][length];
        long[][] mask = new long[batch][length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                ids[b][t] = random.nextInt(config.vocabSize());
                mask[b][t] = 1;
            }
        }
        Map<String, long[][]> named = new LinkedHashMap<>();
        named.put("input_ids", ids);
        named.put("attention_mask", mask);
        return ModelInputs.of(manager, named);
    }
}
