package org.delta4j.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.delta4j.delta.DeltaRegistry;
import org.delta4j.tree.ModuleTree;

/**
 * Everything observable about a backbone, for "unchanged, bit for bit" checks: its module paths,
 * every parameter's and buffer's bytes, shape and trainable flag, the attached deltas, and an
 * output.
 */
public final class BackboneState {
    private final List<String> paths;
    private final Map<String, byte[]> bytes = new LinkedHashMap<>();
    private final Map<String, String> shapes = new LinkedHashMap<>();
    private final Map<String, Boolean> trains = new LinkedHashMap<>();
    private final int deltas;
    private final float[] output;

    private BackboneState(Block backbone, float[] output) {
        ModuleTree tree = ModuleTree.of(backbone);
        this.paths = tree.paths();
        tree.state()
                .forEach(
                        (path, p) -> {
                            bytes.put(path, p.getArray().toByteArray());
                            shapes.put(
                                    path,
                                    p.getArray().getShape() + " " + p.getArray().getDataType());
                            trains.put(path, p.requiresGradient());
                        });
        this.deltas = DeltaRegistry.of(backbone).deltas().size();
        this.output = output;
    }

    /**
     * @param backbone a model
     * @param output runs the model on fixed inputs
     * @return its state now
     */
    public static BackboneState of(Block backbone, Supplier<float[]> output) {
        return new BackboneState(backbone, output.get());
    }

    /**
     * Asserts that a backbone is now exactly as this state recorded.
     *
     * @param backbone the model
     * @param run runs it on the same inputs
     * @param context what happened, for messages
     */
    public void assertSame(Block backbone, Supplier<float[]> run, String context) {
        BackboneState now = new BackboneState(backbone, run.get());
        assertEquals(paths, now.paths, context + ": module paths");
        assertEquals(shapes, now.shapes, context + ": shapes");
        trains.forEach(
                (path, t) ->
                        assertEquals(
                                t, now.trains.get(path), context + ": trainable flag of " + path));
        bytes.forEach(
                (path, b) -> assertArrayEquals(b, now.bytes.get(path), context + ": " + path));
        assertEquals(deltas, now.deltas, context + ": attached deltas");
        assertArrayEquals(output, now.output, context + ": output");
    }
}
