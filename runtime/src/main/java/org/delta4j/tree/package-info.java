/**
 * The module tree over any DJL {@link ai.djl.nn.Block}: dotted HF-style paths for every block and
 * parameter, surgery that swaps a child in place, and the structure graph.
 */
package org.delta4j.tree;
