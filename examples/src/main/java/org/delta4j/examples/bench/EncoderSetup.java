package org.delta4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.ModelConfig;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;

/**
 * What every case shares: the configuration and its family, the batch shape and the seed. The model
 * is the family's base model (what HF's {@code AutoModel} builds: {@code BertModel}, {@code
 * GPT2Model}, {@code T5Model}, {@code Qwen2Model}, ...) whatever head the config names. Inputs are
 * random token ids (the same for every case) with an all-ones attention mask, and for T5 random
 * {@code decoder_input_ids} of the same shape.
 *
 * @param config the model configuration
 * @param family its family
 * @param vocabSize the size of its vocabulary
 * @param batch the batch size
 * @param length the sequence length (of the encoder and of the decoder)
 * @param seed the seed of the weights and of the token ids
 */
public record EncoderSetup(
        ModelConfig config, BenchFamily family, int vocabSize, int batch, int length, int seed) {
    // LoRA's rank and alpha, as bench/encoder_bench.py's.
    private static final int LORA_R = 8;
    private static final int LORA_ALPHA = 16;

    /**
     * @param configFile a {@code config.json} of one of the {@link BenchFamily} families
     * @param batch the batch size
     * @param length the sequence length
     * @param seed the seed of the weights and of the token ids
     * @return the setup
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the config is invalid or of another family
     */
    public static EncoderSetup read(Path configFile, int batch, int length, int seed)
            throws IOException {
        try {
            return BenchFamily.setup(
                    Files.readString(configFile, StandardCharsets.UTF_8), batch, length, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(configFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param manager the manager that will own the weights
     * @return the family's base model with HF's random initialisation
     */
    public Block newModel(NDManager manager) {
        Block model = HfModels.buildBase(config);
        manager.getEngine().setRandomSeed(seed);
        model.initialize(manager, DataType.FLOAT32, HfModels.INIT_SHAPE);
        return model;
    }

    /**
     * Attaches LoRA (r 8, alpha 16, on the family's {@link BenchFamily#loraModules}), unmerged, and
     * freezes the backbone.
     *
     * @param model a model of {@link #newModel}
     * @return the attached LoRA
     */
    public Tuning attachLora(Block model) {
        return TuningSpec.builder()
                .add(
                        LoraSpec.builder()
                                .modules(family.loraModules().toArray(String[]::new))
                                .r(LORA_R)
                                .alpha(LORA_ALPHA)
                                .build())
                .freeze(FreezeSpec.builder().build())
                .build()
                .attach(model);
    }

    /**
     * @param manager the manager that will own the arrays
     * @return {@code input_ids} and {@code attention_mask}, {@code [batch, length]}, named, and
     *     {@code decoder_input_ids} for T5
     */
    public NDList inputs(NDManager manager) {
        Random random = new Random(seed);
        // Skip the low ids, where BERT's special tokens live (and the padding row).
        int low = Math.min(1000, vocabSize / 2);
        Map<String, long[][]> named = new LinkedHashMap<>();
        named.put("input_ids", tokens(random, low));
        long[][] mask = new long[batch][length];
        for (long[] row : mask) {
            Arrays.fill(row, 1);
        }
        named.put("attention_mask", mask);
        if (family == BenchFamily.T5) {
            named.put("decoder_input_ids", tokens(random, low));
        }
        return ModelInputs.of(manager, named);
    }

    private long[][] tokens(Random random, int low) {
        long[][] ids = new long[batch][length];
        for (long[] row : ids) {
            for (int t = 0; t < length; t++) {
                row[t] = low + random.nextInt(vocabSize - low);
            }
        }
        return ids;
    }

    /**
     * @param inputs named arrays
     * @return copies of them in the same manager, keeping their names
     */
    static NDList copy(NDList inputs) {
        NDList out = new NDList(inputs.size());
        for (NDArray a : inputs) {
            NDArray c = a.duplicate();
            c.setName(a.getName());
            out.add(c);
        }
        return out;
    }
}
