package org.delta4j.tree;

import ai.djl.nn.Block;
import ai.djl.util.PairList;

/**
 * A block that stands in for another in the tree, to run extra blocks around it (the delta
 * wrappers). The module tree shows the hosted block at the host's path, with its own parameters and
 * children, plus the attached children, so {@code fc2.weight} keeps its path and an adapter on it
 * appears as {@code fc2.adapter}.
 */
public interface ModuleHost extends Block {
    /**
     * @return the block this host stands in for
     */
    Block hosted();

    /**
     * @return the extra children by name, in attach order
     */
    PairList<String, Block> attached();
}
