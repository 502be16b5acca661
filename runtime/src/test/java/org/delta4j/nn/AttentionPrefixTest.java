package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** How an attention block reads its prefix inputs. */
class AttentionPrefixTest {
    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    @Test
    void absentPrefixChangesNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray hidden = manager.ones(new Shape(2, 3, 8));
            NDArray mask = manager.zeros(new Shape(2, 1, 1, 3));
            AttentionPrefix none = AttentionPrefix.of(new NDList(hidden, mask));
            assertEquals(0, none.length());
            assertSame(mask, none.mask(mask));
            assertSame(hidden, none.keys(hidden));
            assertEquals(2, AttentionPrefix.others(new NDList(hidden, mask)).size());
        }
    }

    @Test
    void prefixIsPrependedAndUnmaskedAndLeftOutOfTheOwnInputs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray hidden = manager.zeros(new Shape(2, 3, 8));
            NDArray mask = manager.full(new Shape(2, 1, 3, 3), -5f);
            NDArray key = named(manager.ones(new Shape(1, 2, 4, 4)), AttentionPrefix.KEY);
            NDArray value = named(manager.ones(new Shape(1, 2, 4, 4)).neg(), AttentionPrefix.VALUE);
            NDList inputs = new NDList(hidden, key, mask, value);
            AttentionPrefix prefix = AttentionPrefix.of(inputs);
            assertEquals(4, prefix.length());
            NDList own = AttentionPrefix.others(inputs);
            assertEquals(2, own.size());
            assertSame(mask, own.get(1));
            NDArray keys = prefix.keys(manager.zeros(new Shape(2, 2, 3, 4)));
            assertEquals(new Shape(2, 2, 7, 4), keys.getShape());
            assertEquals(1f, keys.get("1, 1, 3, 0").getFloat());
            assertEquals(0f, keys.get("1, 1, 4, 0").getFloat());
            assertEquals(
                    -1f,
                    prefix.values(manager.zeros(new Shape(2, 2, 3, 4)))
                            .get("0, 0, 0, 0")
                            .getFloat());
            NDArray extended = prefix.mask(mask);
            assertEquals(new Shape(2, 1, 3, 7), extended.getShape());
            assertArrayEquals(
                    new float[] {0, 0, 0, 0, -5, -5, -5}, extended.get("1, 0, 2").toFloatArray());
        }
    }

    @Test
    void malformedPrefixesAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray key = named(manager.ones(new Shape(1, 2, 4, 4)), AttentionPrefix.KEY);
            String onlyKey =
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> AttentionPrefix.of(new NDList(key)))
                            .getMessage();
            assertTrue(onlyKey.contains("got only prefix_key"), onlyKey);
            NDArray value = named(manager.ones(new Shape(1, 2, 5, 4)), AttentionPrefix.VALUE);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> AttentionPrefix.of(new NDList(key, value)));
            NDArray value2 = named(manager.ones(new Shape(1, 2, 4, 4)), AttentionPrefix.VALUE);
            NDArray key2 = named(manager.ones(new Shape(1, 2, 4, 4)), AttentionPrefix.KEY);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> AttentionPrefix.of(new NDList(key, value2, key2)));
            AttentionPrefix prefix = AttentionPrefix.of(new NDList(key, value2));
            String batch =
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> prefix.keys(manager.zeros(new Shape(2, 3, 3, 4))))
                            .getMessage();
            assertTrue(batch.contains("does not fit"), batch);
        }
    }
}
