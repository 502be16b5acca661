package org.delta4j.examples.bench;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.delta4j.models.gpt2.GPT2Config;
import org.delta4j.models.gpt2.GPT2LMHeadModel;
import org.delta4j.models.hf.HfModels;

/**
 * What the decoding cases share: the GPT-2 configuration, the batch shape and the seed. The prompt
 * is random token ids, the same for every case of a batch size.
 *
 * @param config the model configuration ({@code architectures}: {@code GPT2LMHeadModel})
 * @param batch the batch size
 * @param prompt the prompt length
 * @param newTokens the tokens decoded after the prompt
 * @param seed the seed of the weights and of the token ids
 */
public record DecodeSetup(GPT2Config config, int batch, int prompt, int newTokens, int seed) {
    /**
     * @param manager the manager that will own the weights
     * @return a {@code GPT2LMHeadModel} with HF's random initialisation
     */
    public GPT2LMHeadModel newModel(NDManager manager) {
        return (GPT2LMHeadModel) HfModels.random(config, manager, seed);
    }

    /**
     * @param length the sequence length
     * @return {@code [batch][length]} random token ids
     */
    public long[][] tokens(int length) {
        Random random = new Random(seed);
        long[][] ids = new long[batch][length];
        for (long[] row : ids) {
            for (int t = 0; t < length; t++) {
                row[t] = random.nextInt(config.vocabSize());
            }
        }
        return ids;
    }
}
