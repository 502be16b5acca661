package org.delta4j.models.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.models.ModelInputs;

/**
 * Prompts of different lengths as one padded batch, the way generation takes them: decoder-only
 * models want the padding on the left (every row's last token is then the last column), encoder
 * inputs on the right.
 *
 * @param inputIds {@code [batch][longest]} token ids
 * @param attentionMask {@code [batch][longest]}: 1 on a token, 0 on padding
 */
public record PromptBatch(long[][] inputIds, long[][] attentionMask) {
    /**
     * @param rows each prompt's token ids, at least one row, none empty
     * @param padId the id written on padding
     * @param left whether the padding goes in front of the tokens (decoder-only models) or after
     * @return the padded batch
     * @throws IllegalArgumentException when there are no rows or a row is empty
     */
    public static PromptBatch pad(List<long[]> rows, long padId, boolean left) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no prompts to pad");
        }
        int longest = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length == 0) {
                throw new IllegalArgumentException("prompt " + i + " has no tokens");
            }
            longest = Math.max(longest, rows.get(i).length);
        }
        long[][] ids = new long[rows.size()][longest];
        long[][] mask = new long[rows.size()][longest];
        for (int i = 0; i < rows.size(); i++) {
            long[] row = rows.get(i);
            int start = left ? longest - row.length : 0;
            Arrays.fill(ids[i], padId);
            System.arraycopy(row, 0, ids[i], start, row.length);
            Arrays.fill(mask[i], start, start + row.length, 1L);
        }
        return new PromptBatch(ids, mask);
    }

    /**
     * @param manager where the arrays go
     * @return the batch as a forward pass's named inputs, {@code input_ids} and {@code
     *     attention_mask}
     */
    public NDList toInputs(NDManager manager) {
        Map<String, long[][]> named = new LinkedHashMap<>();
        named.put("input_ids", inputIds);
        named.put("attention_mask", attentionMask);
        return ModelInputs.of(manager, named);
    }
}
