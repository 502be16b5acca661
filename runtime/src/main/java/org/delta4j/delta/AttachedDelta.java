package org.delta4j.delta;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.tree.ModuleTree;

/**
 * One delta attached to a backbone: its spec, the modules it modified, and its parameters by
 * backbone path (OpenDelta's names: {@code
 * model.encoder.layers.0.fc2.adapter.modulelist.down_proj.weight}).
 */
public final class AttachedDelta {
    private final DeltaSpec spec;
    private final Block backbone;
    private final List<String> modifiedModules;
    private final Attachment attachment;

    AttachedDelta(
            DeltaSpec spec, Block backbone, List<String> modifiedModules, Attachment attachment) {
        this.spec = spec;
        this.backbone = backbone;
        this.modifiedModules = List.copyOf(modifiedModules);
        this.attachment = attachment;
    }

    /**
     * @return the spec it was attached from
     */
    public DeltaSpec spec() {
        return spec;
    }

    /**
     * @return the paths of the modules it modified, in tree order
     */
    public List<String> modifiedModules() {
        return modifiedModules;
    }

    /**
     * @return the paths of the layers it added ({@code ...fc2.adapter}, or {@code ...fc2.adapter_1}
     *     beside another)
     */
    public List<String> layers() {
        return List.copyOf(attachment.layers());
    }

    /**
     * Its parameters by backbone path, in tree order: those of its layers and the biases it trains.
     * A layer shared by two modules (a parallel adapter) is listed once, under its first path.
     *
     * @return the parameters
     */
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        List<String> layers = attachment.layers();
        ModuleTree.of(backbone)
                .uniqueParameters()
                .forEach(
                        (path, p) -> {
                            if (attachment.adopted().containsKey(path)
                                    || layers.stream().anyMatch(l -> path.startsWith(l + "."))) {
                                out.put(path, p);
                            }
                        });
        return out;
    }

    /**
     * @return each layer's path mapped to its path under the method's own layer name; see {@link
     *     DeltaValues}
     */
    Map<String, String> layerBases() {
        return attachment.layerBases();
    }

    /** Removes the delta, leaving the backbone as it was before it was attached. */
    void detach() {
        attachment.undo();
    }
}
