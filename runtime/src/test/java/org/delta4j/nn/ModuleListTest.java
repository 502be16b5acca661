package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;

class ModuleListTest {
    @Test
    void childrenAreNamedByPositionAndHaveNoForward() {
        Linear a = Linear.create(2, 3, true, 0.02f);
        LayerNorm b = new LayerNorm(3, 1e-5f);
        ModuleList list = new ModuleList(List.of(a, b));
        assertEquals(2, list.size());
        assertSame(b, list.get(1));
        assertEquals(List.of(a, b), list.blocks());
        assertEquals(List.of("", "0", "1"), ModuleTree.of(list).paths());
        assertEquals("ModuleList {\n\t(0): Linear\n\t(1): LayerNorm\n}", list.toString());
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(
                    UnsupportedOperationException.class,
                    () ->
                            list.forward(
                                    new ParameterStore(manager, false),
                                    new NDList(manager.ones(new Shape(2))),
                                    false));
        }
    }
}
