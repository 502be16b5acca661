package org.delta4j.delta.named;

import java.util.ArrayList;
import java.util.List;
import org.delta4j.delta.AttachedDelta;
import org.delta4j.delta.Tuning;
import org.delta4j.tree.ModuleTree;

/**
 * What a {@link DeltaSet} can switch off: deltas whose layers all run inside delta hosts and that
 * train no backbone parameter in place (a switched-off delta must leave the backbone's own outputs,
 * bit for bit).
 */
final class Switchability {
    private Switchability() {}

    /**
     * @param name the name the deltas are to be added under, for the message
     * @param tuning attached deltas
     * @throws IllegalArgumentException naming the delta that cannot be switched off, and why
     */
    static void require(String name, Tuning tuning) {
        ModuleTree tree = ModuleTree.of(tuning.backbone());
        for (AttachedDelta d : tuning.deltas()) {
            List<String> inPlace = inPlaceParameters(d);
            if (!inPlace.isEmpty()) {
                throw new IllegalArgumentException(
                        "\""
                                + name
                                + "\": the "
                                + d.spec().method()
                                + " delta trains "
                                + "backbone parameters in place "
                                + inPlace
                                + ", so it cannot be switched off; give it a "
                                + "backbone of its own");
            }
            for (String layer : d.layers()) {
                if (NamedDelta.hostOf(tree, layer) == null) {
                    throw new IllegalArgumentException(
                            "\""
                                    + name
                                    + "\": the "
                                    + d.spec().method()
                                    + " delta's "
                                    + "layer "
                                    + layer
                                    + " does not run inside a delta host, so it cannot be switched off");
                }
            }
        }
    }

    /**
     * The paths of a delta's parameters that are no layer's: backbone parameters it trains in
     * place.
     */
    private static List<String> inPlaceParameters(AttachedDelta d) {
        List<String> out = new ArrayList<>();
        for (String path : d.parameters().keySet()) {
            if (d.layers().stream().noneMatch(l -> path.startsWith(l + "."))) {
                out.add(path);
            }
        }
        return out;
    }
}
