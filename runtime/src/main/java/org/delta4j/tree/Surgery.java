package org.delta4j.tree;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.delta4j.nn.HfBlock;

/**
 * Replaces one child block anywhere in a DJL block tree. DJL has no API for this: a parent keeps
 * its children in a protected list (what saving, loading and parameter listing see), whose entry
 * surgery replaces in place (same key, same position). delta4j's own blocks ({@link HfBlock}) reach
 * their children through that list at each call ({@link org.delta4j.nn.Child}), so for them the
 * entry is all that changes. Other DJL blocks (DJL's own, users' {@code AbstractBlock} subclasses)
 * usually also hold their children in Java fields, which is what their forward pass calls; for
 * those parents every field, {@code List} element and array slot that held the old child gets the
 * new one, by reflection. Every slot is checked before anything changes, and checked again after; a
 * slot whose declared type cannot hold the replacement is an error that changes nothing.
 */
public final class Surgery {
    private static final Field CHILDREN;

    static {
        try {
            CHILDREN = AbstractBlock.class.getDeclaredField("children");
            CHILDREN.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Surgery() {}

    /**
     * Replaces the block at a module path.
     *
     * @param root the model's root block
     * @param path the dotted path of the child to replace (not the root)
     * @param replacement the new block
     * @return how to put the old block back
     * @throws IllegalArgumentException when there is no such child, or a slot cannot hold the
     *     replacement
     */
    public static Replacement replace(Block root, String path, Block replacement) {
        Module target = ModuleTree.of(root).module(path);
        if (target.parent() == null) {
            throw new IllegalArgumentException(
                    "The root block cannot be replaced; wrap it instead.");
        }
        Block parent = target.parent().shown();
        List<Slot> slots = slotsOf(parent, target.block(), path);
        for (Slot s : slots) {
            s.check(replacement);
        }
        for (Slot s : slots) {
            s.set(replacement);
        }
        for (Slot s : slots) {
            s.verify(replacement);
        }
        return new Replacement(path, target.block(), replacement, slots);
    }

    /** A replacement that can be undone. */
    public static final class Replacement {
        private final String path;
        private final Block original;
        private final Block replacement;
        private final List<Slot> slots;

        private Replacement(String path, Block original, Block replacement, List<Slot> slots) {
            this.path = path;
            this.original = original;
            this.replacement = replacement;
            this.slots = slots;
        }

        /**
         * @return the path that was replaced
         */
        public String path() {
            return path;
        }

        /**
         * @return the block that was there before
         */
        public Block original() {
            return original;
        }

        /** Puts the original block back in every slot. */
        public void undo() {
            for (Slot s : slots) {
                s.set(original);
            }
            for (Slot s : slots) {
                s.verify(original);
            }
        }

        /**
         * @return the block now in place
         */
        public Block replacement() {
            return replacement;
        }
    }

    private static List<Slot> slotsOf(Block parent, Block old, String path) {
        if (!(parent instanceof AbstractBlock)) {
            throw new IllegalArgumentException(
                    "Cannot modify \""
                            + path
                            + "\": its parent "
                            + parent.getClass().getName()
                            + " is not an ai.djl.nn.AbstractBlock, so its children cannot be changed.");
        }
        List<Slot> slots = new ArrayList<>();
        BlockList children = FieldSlots.read(CHILDREN, parent, BlockList.class);
        int index = children.values().indexOf(old);
        if (index < 0) {
            throw new IllegalStateException(
                    "\"" + path + "\" is not in its parent's children list");
        }
        slots.add(
                new ListSlot(
                        children.values(),
                        index,
                        "children of " + parent.getClass().getSimpleName()));
        if (!(parent instanceof HfBlock)) {
            slots.addAll(FieldSlots.of(parent, old));
        }
        return slots;
    }
}
