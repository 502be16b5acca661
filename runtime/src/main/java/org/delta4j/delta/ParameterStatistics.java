package org.delta4j.delta;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Locale;
import java.util.Set;
import org.delta4j.tree.ModuleTree;

/**
 * Parameter counts of a backbone, as OpenDelta's {@code inspect_module_statistics}: each tied
 * parameter counted once, buffers not counted, deltas included in the total.
 */
public final class ParameterStatistics {
    private final long total;
    private final long trainable;
    private final long delta;

    private ParameterStatistics(long total, long trainable, long delta) {
        this.total = total;
        this.trainable = trainable;
        this.delta = delta;
    }

    /**
     * @param backbone the model's root block
     * @return its counts now
     */
    public static ParameterStatistics of(Block backbone) {
        Set<Parameter> deltas = DeltaRegistry.of(backbone).deltaParameters();
        long total = 0;
        long trainable = 0;
        long delta = 0;
        for (Parameter p : ModuleTree.of(backbone).uniqueParameters().values()) {
            long n = p.getShape().size();
            total += n;
            trainable += p.requiresGradient() ? n : 0;
            delta += deltas.contains(p) ? n : 0;
        }
        return new ParameterStatistics(total, trainable, delta);
    }

    /**
     * @return all parameters, deltas included
     */
    public long total() {
        return total;
    }

    /**
     * @return the parameters that train
     */
    public long trainable() {
        return trainable;
    }

    /**
     * @return the delta parameters
     */
    public long delta() {
        return delta;
    }

    /**
     * @return OpenDelta's two ratio lines, such as {@code Trainable Ratio: 3248/46500=6.984946%}
     */
    @Override
    public String toString() {
        return line("Trainable Ratio", trainable) + "\n" + line("Delta Parameter Ratio", delta);
    }

    private String line(String label, long part) {
        return String.format(
                Locale.ROOT,
                "%s: %d/%d=%.6f%%",
                label,
                part,
                total,
                total == 0 ? 0.0 : 100.0 * part / total);
    }
}
