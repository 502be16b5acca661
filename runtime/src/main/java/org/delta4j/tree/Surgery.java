package org.delta4j.tree;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces one child block anywhere in a DJL block tree. DJL has no API for this: a parent keeps its children in a
 * protected list (what saving, loading and parameter listing see) and usually also in Java fields (what its forward
 * pass calls). Surgery changes both, by reflection: the list entry keeps its key and position, and every field,
 * {@code List} element and array slot that held the old child gets the new one. Every slot is checked before
 * anything changes, and checked again after; a slot whose declared type cannot hold the replacement is an error
 * that changes nothing.
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
     * @throws IllegalArgumentException when there is no such child, or a slot cannot hold the replacement
     */
    public static Replacement replace(Block root, String path, Block replacement) {
        Module target = ModuleTree.of(root).module(path);
        if (target.parent() == null) {
            throw new IllegalArgumentException("The root block cannot be replaced; wrap it instead.");
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

        /** @return the path that was replaced */
        public String path() {
            return path;
        }

        /** @return the block that was there before */
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

        /** @return the block now in place */
        public Block replacement() {
            return replacement;
        }
    }

    private static List<Slot> slotsOf(Block parent, Block old, String path) {
        if (!(parent instanceof AbstractBlock)) {
            throw new IllegalArgumentException("Cannot modify \"" + path + "\": its parent "
                    + parent.getClass().getName() + " is not an ai.djl.nn.AbstractBlock, so its children cannot be changed.");
        }
        List<Slot> slots = new ArrayList<>();
        BlockList children = read(CHILDREN, parent, BlockList.class);
        int index = children.values().indexOf(old);
        if (index < 0) {
            throw new IllegalStateException("\"" + path + "\" is not in its parent's children list");
        }
        slots.add(new ListSlot(children.values(), index, "children of " + parent.getClass().getSimpleName()));
        for (Class<?> c = parent.getClass(); c != AbstractBlock.class && c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                f.setAccessible(true);
                Object value = read(f, parent, Object.class);
                String where = c.getSimpleName() + "." + f.getName();
                if (value == old) {
                    slots.add(new FieldSlot(f, parent, where));
                } else if (value instanceof List && !(value instanceof BlockList)) {
                    List<?> list = (List<?>) value;
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) == old) {
                            slots.add(new ListSlot(list, i, where + "[" + i + "]"));
                        }
                    }
                } else if (value != null && value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(value); i++) {
                        if (Array.get(value, i) == old) {
                            slots.add(new ArraySlot(value, i, where + "[" + i + "]"));
                        }
                    }
                }
            }
        }
        return slots;
    }

    private static <T> T read(Field f, Object owner, Class<T> type) {
        try {
            return type.cast(f.get(owner));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
    }

    /** One place that holds a reference to the child. */
    private interface Slot {
        void check(Block replacement);

        void set(Block value);

        void verify(Block expected);
    }

    private static final class FieldSlot implements Slot {
        private final Field field;
        private final Object owner;
        private final String where;

        FieldSlot(Field field, Object owner, String where) {
            this.field = field;
            this.owner = owner;
            this.where = where;
        }

        @Override
        public void check(Block replacement) {
            if (!field.getType().isInstance(replacement)) {
                throw new IllegalArgumentException("Field " + where + " is declared as " + field.getType().getName()
                        + " and cannot hold a " + replacement.getClass().getName()
                        + ". Declare the field as ai.djl.nn.Block so delta4j can wrap the child.");
            }
        }

        @Override
        public void set(Block value) {
            try {
                field.set(owner, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot write " + where, e);
            }
        }

        @Override
        public void verify(Block expected) {
            if (read(field, owner, Object.class) != expected) {
                throw new IllegalStateException("field " + where + " did not take the new block");
            }
        }
    }

    private static final class ListSlot implements Slot {
        private final List<?> list;
        private final int index;
        private final String where;

        ListSlot(List<?> list, int index, String where) {
            this.list = list;
            this.index = index;
            this.where = where;
        }

        @Override
        public void check(Block replacement) {
            try {
                set(list.get(index) instanceof Block ? (Block) list.get(index) : replacement);
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("List " + where + " is unmodifiable; delta4j cannot replace its element.", e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void set(Block value) {
            ((List<Object>) list).set(index, value);
        }

        @Override
        public void verify(Block expected) {
            if (list.get(index) != expected) {
                throw new IllegalStateException(where + " did not take the new block");
            }
        }
    }

    private static final class ArraySlot implements Slot {
        private final Object array;
        private final int index;
        private final String where;

        ArraySlot(Object array, int index, String where) {
            this.array = array;
            this.index = index;
            this.where = where;
        }

        @Override
        public void check(Block replacement) {
            if (!array.getClass().getComponentType().isInstance(replacement)) {
                throw new IllegalArgumentException("Array " + where + " holds " + array.getClass().getComponentType().getName()
                        + " and cannot hold a " + replacement.getClass().getName() + ".");
            }
        }

        @Override
        public void set(Block value) {
            Array.set(array, index, value);
        }

        @Override
        public void verify(Block expected) {
            if (Array.get(array, index) != expected) {
                throw new IllegalStateException(where + " did not take the new block");
            }
        }
    }
}
