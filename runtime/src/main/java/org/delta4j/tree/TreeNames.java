package org.delta4j.tree;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.delta4j.nn.HfBlock;

/**
 * The names {@link ModuleTree} gives DJL's own blocks, so that their paths read like PyTorch's:
 * children by position or without DJL's two-digit prefix, and HF's parameter names.
 */
final class TreeNames {
    private TreeNames() {}

    /**
     * The children of a block under their tree names.
     *
     * @param block any block
     * @return its children, named as {@link ModuleTree} describes
     */
    static PairList<String, Block> childrenOf(Block block) {
        PairList<String, Block> raw = block.getChildren();
        if (block instanceof HfBlock) {
            return raw;
        }
        PairList<String, Block> named = new PairList<>();
        boolean sequential = block instanceof SequentialBlock;
        List<String> stripped = new ArrayList<>();
        for (String key : raw.keys()) {
            stripped.add(stripDjlPrefix(key));
        }
        boolean unique = new HashSet<>(stripped).size() == stripped.size();
        for (int i = 0; i < raw.size(); i++) {
            String name = sequential || !unique ? Integer.toString(i) : stripped.get(i);
            named.add(name, raw.valueAt(i));
        }
        return named;
    }

    /**
     * @param key a DJL child key such as {@code 01fc2}
     * @return the key without DJL's two-digit position prefix
     */
    static String stripDjlPrefix(String key) {
        return key.length() > 2
                        && Character.isDigit(key.charAt(0))
                        && Character.isDigit(key.charAt(1))
                ? key.substring(2)
                : key;
    }

    /**
     * @param name a DJL parameter name of a block that is not an {@link HfBlock}
     * @return HF's name for it: {@code weight} for {@code gamma} and {@code embedding}, {@code
     *     bias} for {@code beta}, otherwise the name itself
     */
    static String djlParameterName(String name) {
        switch (name) {
            case "gamma":
            case "embedding":
                return "weight";
            case "beta":
                return "bias";
            default:
                return name;
        }
    }

    /** Batch-norm running statistics of DJL's own blocks are buffers, not trained parameters. */
    static boolean isDjlBuffer(Block block, Parameter p) {
        return !(block instanceof HfBlock)
                && (p.getType() == Parameter.Type.RUNNING_MEAN
                        || p.getType() == Parameter.Type.RUNNING_VAR);
    }
}
