package org.delta4j.delta.host;

import ai.djl.nn.Block;
import ai.djl.util.PairList;
import org.delta4j.tree.ModuleHost;

/**
 * What a delta method needs of a host: add, find and remove named delta layers. Both host classes
 * keep their state in a {@link DeltaStack}; these defaults are the whole behaviour they share.
 */
public interface DeltaHosting extends ModuleHost {
    /**
     * @return the stack of the hosted module and its layers
     */
    DeltaStack stack();

    @Override
    default Block hosted() {
        return stack().hosted();
    }

    @Override
    default PairList<String, Block> attached() {
        return stack().attached();
    }

    /**
     * @param name a layer name
     * @return whether a layer of that name is attached
     */
    default boolean hasLayer(String name) {
        return stack().contains(name);
    }

    /**
     * Adds a layer outside all layers added before.
     *
     * @param name its name, unique on this host
     * @param layer the layer
     * @param placement which of its hooks run on this module
     */
    default void addLayer(String name, DeltaLayer layer, Placement placement) {
        stack().add(name, layer, placement);
    }

    /**
     * @param name the layer's name
     * @return the removed layer
     */
    default DeltaLayer removeLayer(String name) {
        return stack().remove(name);
    }

    /**
     * Switches a layer on or off; a layer that is off is skipped in the forward pass (inactive
     * named deltas).
     *
     * @param name the layer's name
     * @param enabled whether it runs
     * @throws IllegalArgumentException when there is no such layer
     */
    default void setLayerEnabled(String name, boolean enabled) {
        stack().setEnabled(name, enabled);
    }

    /**
     * @param name a layer name
     * @return whether a layer of that name is attached and runs
     */
    default boolean isLayerEnabled(String name) {
        return stack().isEnabled(name);
    }

    /**
     * @return whether no layer is attached, so the host can be replaced by the hosted module again
     */
    default boolean isEmpty() {
        return stack().isEmpty();
    }
}
