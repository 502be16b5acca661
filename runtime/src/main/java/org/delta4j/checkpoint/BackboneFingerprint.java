package org.delta4j.checkpoint;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.delta4j.delta.DeltaRegistry;
import org.delta4j.io.Sha256;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;

/**
 * Two SHA-256 hashes of what a delta checkpoint relies on but does not carry: every parameter and
 * buffer of the backbone's own modules except those the checkpoint holds (its deltas, biases they
 * trained, backbone parameters left trainable) and those of attached deltas. {@code structure}
 * covers each one's path, kind (parameter or buffer), shape and data type, in module-tree order;
 * {@code parameters} covers their values, byte for byte. So the fingerprint is the same before and
 * after the checkpoint's own deltas attach, and whatever other deltas are attached. Module class
 * names are left out, so renaming a Java class does not orphan checkpoints.
 *
 * @param structure the hash of the names, kinds, shapes and types, in hex
 * @param parameters the hash of the values, in hex
 */
public record BackboneFingerprint(String structure, String parameters) {
    /**
     * @param backbone a model's root block
     * @param carried the paths the checkpoint holds values for
     * @return the fingerprint of everything else
     */
    public static BackboneFingerprint of(Block backbone, Set<String> carried) {
        Set<Parameter> deltas = Collections.newSetFromMap(new IdentityHashMap<>());
        deltas.addAll(DeltaRegistry.of(backbone).deltaParameters());
        MessageDigest structure = Sha256.digest();
        MessageDigest values = Sha256.digest();
        for (Module m : ModuleTree.of(backbone).modules()) {
            if (m.isDelta()) {
                continue;
            }
            for (String kind : new String[] {"parameter", "buffer"}) {
                Map<String, Parameter> own =
                        kind.equals("parameter") ? m.parameters() : m.buffers();
                own.forEach(
                        (local, p) -> {
                            String path = m.pathOf(local);
                            if (!carried.contains(path) && !deltas.contains(p)) {
                                add(structure, values, path, kind, p);
                            }
                        });
            }
        }
        return new BackboneFingerprint(Sha256.hex(structure), Sha256.hex(values));
    }

    private static void add(
            MessageDigest structure, MessageDigest values, String path, String kind, Parameter p) {
        String type = p.isInitialized() ? p.getArray().getDataType().toString() : "uninitialised";
        structure.update(
                (path + "\t" + kind + "\t" + p.getShape() + "\t" + type + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        values.update((path + "\n").getBytes(StandardCharsets.UTF_8));
        if (p.isInitialized()) {
            values.update(p.getArray().toByteBuffer());
        }
    }
}
