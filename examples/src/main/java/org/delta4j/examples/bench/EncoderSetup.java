package org.delta4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.bert.BertConfig;
import org.delta4j.models.bert.BertModel;
import org.delta4j.models.hf.HfModels;

/**
 * What every case shares: the BERT configuration, the batch shape and the seed. Inputs are random
 * token ids (the same for every case) with an all-ones attention mask.
 *
 * @param config the model configuration
 * @param batch the batch size
 * @param length the sequence length
 * @param seed the seed of the weights and of the token ids
 */
public record EncoderSetup(BertConfig config, int batch, int length, int seed) {
    /**
     * @param manager the manager that will own the weights
     * @return a {@code BertModel} (with pooler) with HF's random initialisation
     */
    public BertModel newModel(NDManager manager) {
        return (BertModel) HfModels.random(config, manager, seed);
    }

    /**
     * @param manager the manager that will own the arrays
     * @return {@code input_ids} and {@code attention_mask}, {@code [batch, length]}, named
     */
    public NDList inputs(NDManager manager) {
        Random random = new Random(seed);
        long[][] ids = new long[batch][length];
        long[][] mask = new long[batch][length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                // Skip the low ids, where BERT's special tokens live (and the padding row).
                ids[b][t] = 1000 + random.nextInt(config.vocabSize() - 1000);
                mask[b][t] = 1;
            }
        }
        Map<String, long[][]> named = new LinkedHashMap<>();
        named.put("input_ids", ids);
        named.put("attention_mask", mask);
        return ModelInputs.of(manager, named);
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
