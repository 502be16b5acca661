package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.Child;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;

/**
 * Compares a model's module tree, parameters and state dict with a fixture's {@code
 * module_names.txt}, and checks how its blocks reach their children.
 */
public final class StructureAssertions {
    private StructureAssertions() {}

    /**
     * @param dir a model fixture folder
     * @return the model its config names, uninitialised
     */
    public static Block build(Path dir) throws IOException {
        return HfModels.build(HfModels.readConfig(dir));
    }

    /**
     * PyTorch's {@code named_modules()}: pre-order, each module object once, at its first path, its
     * subtree not walked again (T5's {@code shared} table is also each stack's {@code
     * embed_tokens}).
     */
    public static void assertNamedModules(Path dir) throws IOException {
        List<String> expected = new ArrayList<>();
        for (String[] row : Fixtures.section(dir, "# named_modules")) {
            expected.add(row[0] + " " + row[1]);
        }
        List<String> actual = new ArrayList<>();
        Set<Block> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> skipped = new ArrayList<>();
        for (Module m : ModuleTree.of(build(dir)).modules()) {
            if (skipped.stream().anyMatch(p -> m.path().startsWith(p + "."))) {
                continue;
            }
            if (!seen.add(m.block())) {
                skipped.add(m.path());
                continue;
            }
            actual.add(m.path() + " " + m.type());
        }
        assertEquals(expected, actual);
    }

    /**
     * PyTorch's {@code state_dict()}: every path of every parameter, then buffer, of each module,
     * with dtypes.
     */
    public static void assertStateDict(Path dir) throws IOException {
        List<String> expected = new ArrayList<>();
        for (String[] row : Fixtures.section(dir, "# state_dict")) {
            expected.add(row[0] + " " + row[1]);
        }
        List<String> actual = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Module m : ModuleTree.of(HfModels.load(dir, manager)).modules()) {
                m.parameters()
                        .forEach((name, p) -> actual.add(m.pathOf(name) + " " + shapeAndType(p)));
                m.buffers()
                        .forEach((name, p) -> actual.add(m.pathOf(name) + " " + shapeAndType(p)));
            }
        }
        assertEquals(expected, actual);
    }

    /**
     * PyTorch's {@code named_parameters()}: tied parameters once, at their first path; no buffers.
     */
    public static void assertNamedParameters(Path dir) throws IOException {
        List<String> expected = new ArrayList<>();
        long expectedCount = 0;
        for (String[] row : Fixtures.section(dir, "# named_parameters")) {
            String shape = row[1].substring(0, row[1].lastIndexOf(' '));
            expected.add(row[0] + " " + shape);
            expectedCount +=
                    Arrays.stream(shape.replaceAll("[\\[\\]]", "").split(", "))
                            .mapToLong(Long::parseLong)
                            .reduce(1, (a, b) -> a * b);
        }
        List<String> actual = new ArrayList<>();
        ModuleTree tree = ModuleTree.of(build(dir));
        tree.uniqueParameters().forEach((path, p) -> actual.add(path + " " + shape(p)));
        assertEquals(expected, actual);
        assertEquals(expectedCount, parameterCount(tree));
    }

    /**
     * delta4j's blocks reach their children only through their child lists, so that delta surgery
     * replaces a child by replacing its list entry: no field (in any class of a block's hierarchy)
     * holds a child, and every {@link Child} handle is a private final field.
     *
     * @param model the model
     * @param atLeast the fewest handles the model must have, so the check cannot pass by finding
     *     none
     */
    public static void assertChildrenAreReachedThroughTheirList(Block model, int atLeast) {
        int handles = 0;
        for (Module m : ModuleTree.of(model).modules()) {
            Block block = m.block();
            assertEquals(
                    List.of(),
                    fieldsHolding(block, block.getChildren().values()),
                    m
                            + ": these fields hold children; keep the handles that HfBlock.child returns instead");
            for (Field f : instanceFields(block)) {
                if (f.getType() == Child.class) {
                    String where = f.getDeclaringClass().getSimpleName() + "." + f.getName();
                    assertTrue(Modifier.isFinal(f.getModifiers()), where + " must be final");
                    assertTrue(Modifier.isPrivate(f.getModifiers()), where + " must be private");
                    handles++;
                }
            }
        }
        assertTrue(handles >= atLeast, "found only " + handles + " child handles");
    }

    /**
     * @param owner a block
     * @param values some objects
     * @return {@code Class.field} for each field of {@code owner} (in any class of its hierarchy
     *     below DJL's {@code AbstractBlock}) that holds one of {@code values}
     */
    public static List<String> fieldsHolding(Block owner, Collection<?> values) {
        List<String> out = new ArrayList<>();
        for (Field f : instanceFields(owner)) {
            try {
                f.setAccessible(true);
                Object value = f.get(owner);
                if (value != null && values.stream().anyMatch(v -> v == value)) {
                    out.add(f.getDeclaringClass().getSimpleName() + "." + f.getName());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /**
     * @param tree a model's tree
     * @return the number of trainable values, tied parameters counted once, buffers not counted
     */
    public static long parameterCount(ModuleTree tree) {
        return tree.uniqueParameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    private static String shape(Parameter p) {
        return Arrays.toString(p.getShape().getShape());
    }

    private static String shapeAndType(Parameter p) {
        return shape(p) + " " + p.getArray().getDataType().toString().toLowerCase();
    }

    private static List<Field> instanceFields(Block block) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = block.getClass();
                c != AbstractBlock.class && c != null;
                c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.add(f);
                }
            }
        }
        return fields;
    }
}
