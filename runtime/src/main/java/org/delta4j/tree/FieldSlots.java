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
 * The places besides its child list where a DJL block that is not one of delta4j's own keeps a
 * child: its forward pass calls fields (DJL's own blocks, users' {@code AbstractBlock} subclasses),
 * list elements or array slots, which {@link Surgery} must change by reflection for a replacement
 * to run. delta4j's own blocks need none of this.
 */
final class FieldSlots {
    private FieldSlots() {}

    /**
     * @param parent a DJL block that is not one of delta4j's own
     * @param old one of its children
     * @return every field, {@code List} element and array slot of {@code parent} that holds {@code
     *     old}
     */
    static List<Slot> of(Block parent, Block old) {
        List<Slot> slots = new ArrayList<>();
        for (Class<?> c = parent.getClass();
                c != AbstractBlock.class && c != null;
                c = c.getSuperclass()) {
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
                } else if (value != null
                        && value.getClass().isArray()
                        && !value.getClass().getComponentType().isPrimitive()) {
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

    /**
     * Reads a field that {@link Field#setAccessible} has opened.
     *
     * @param f the field
     * @param owner the object that has it
     * @param type the type to cast its value to
     * @param <T> that type
     * @return its value
     */
    static <T> T read(Field f, Object owner, Class<T> type) {
        try {
            return type.cast(f.get(owner));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
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
                throw new IllegalArgumentException(
                        "Field "
                                + where
                                + " is declared as "
                                + field.getType().getName()
                                + " and cannot hold a "
                                + replacement.getClass().getName()
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
                throw new IllegalArgumentException(
                        "Array "
                                + where
                                + " holds "
                                + array.getClass().getComponentType().getName()
                                + " and cannot hold a "
                                + replacement.getClass().getName()
                                + ".");
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
