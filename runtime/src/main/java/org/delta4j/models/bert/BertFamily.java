package org.delta4j.models.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.initializer.NormalInitializer;
import java.util.Map;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.ZeroRowInitializer;
import org.delta4j.tree.ModuleTree;

/**
 * Conventions BERT, RoBERTa and DistilBERT share: how the root reads its token inputs, padded
 * tables, and where the word embeddings are.
 */
public final class BertFamily {
    private BertFamily() {}

    /**
     * The token input of a root model: {@code input_ids [batch, length]} or, instead, {@code
     * inputs_embeds [batch, length, hidden]} (whose word-embedding lookup is already done).
     *
     * @param inputs the resolved inputs
     * @param owner the model's class name, for error messages
     * @return the one of the two that was given
     * @throws IllegalArgumentException when both or neither are given
     */
    public static NDArray tokens(Map<String, NDArray> inputs, String owner) {
        NDArray ids = inputs.get("input_ids");
        NDArray embeds = inputs.get("inputs_embeds");
        if ((ids == null) == (embeds == null)) {
            throw new IllegalArgumentException(
                    owner
                            + " needs exactly one of \"input_ids\" and \"inputs_embeds\", got "
                            + (ids == null ? "neither" : "both"));
        }
        if (embeds != null && embeds.getShape().dimension() != 3) {
            throw new IllegalArgumentException(
                    owner
                            + ": inputs_embeds must be [batch, length, hidden], got "
                            + embeds.getShape());
        }
        return ids != null ? ids : embeds;
    }

    /**
     * @param tokens the token input, as {@link #tokens} returns it
     * @return whether it holds embeddings rather than ids
     */
    public static boolean isEmbedded(NDArray tokens) {
        return tokens.getShape().dimension() == 3;
    }

    /**
     * @param inputs the resolved inputs
     * @param name an optional integer input, such as {@code attention_mask}
     * @param tokens the token input, which gives {@code [batch, length]}
     * @param fill the default value
     * @return the input, or {@code [batch, length]} INT64 filled with {@code fill} when it is
     *     absent
     */
    public static NDArray orFull(
            Map<String, NDArray> inputs, String name, NDArray tokens, int fill) {
        NDArray given = inputs.get(name);
        if (given != null) {
            return given;
        }
        Shape s = tokens.getShape();
        return tokens.getManager().full(new Shape(s.get(0), s.get(1)), fill, DataType.INT64);
    }

    /**
     * HF's fresh {@code nn.Embedding(num, dim, padding_idx=pad)}: N(0, std) rows, the padding row
     * zero.
     *
     * @param num the number of rows
     * @param dim the embedding size
     * @param std the standard deviation of fresh rows
     * @param pad the padding row
     * @return a new table
     */
    public static Embedding paddedTable(long num, long dim, float std, long pad) {
        Embedding table = Embedding.create(num, dim, std);
        table.weight().setInitializer(new ZeroRowInitializer(new NormalInitializer(std), pad));
        return table;
    }

    /**
     * The word-embedding table of a model as it is now, looking through delta hosts.
     *
     * @param root the model
     * @param path the table's module path, such as {@code embeddings.word_embeddings}
     * @return the table
     * @throws IllegalStateException when something other than an {@link Embedding} is there
     */
    public static Embedding embeddingAt(Block root, String path) {
        Block table = ModuleTree.of(root).module(path).shown();
        if (!(table instanceof Embedding)) {
            throw new IllegalStateException(
                    path + " is a " + table.getClass().getSimpleName() + ", not an Embedding");
        }
        return (Embedding) table;
    }
}
