package org.delta4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.delta4j.models.Doubling;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.nn.ModuleList;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delta surgery replaces a child's list entry; every BERT-family block must run whatever its list
 * holds now.
 */
class BertFamilySurgeryTest {
    private static NDArray outputs(Block model, NDManager manager) {
        NDList in =
                ModelInputs.of(
                        manager,
                        Map.of(
                                "input_ids",
                                new long[][] {{5, 31, 12, 45}, {9, 8, 17, 3}},
                                "attention_mask",
                                new long[][] {{1, 1, 1, 1}, {1, 1, 1, 0}}));
        NDList out = model.forward(new ParameterStore(manager, false), in, false);
        List<NDArray> flat = new ArrayList<>();
        out.forEach(a -> flat.add(a.flatten()));
        return NDArrays.concat(new NDList(flat));
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void everySwappedModuleIsTheOneThatRuns(String architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = TinyBertFamily.random(architecture, manager, 31);
            NDArray before = outputs(model, manager);
            int swapped = 0;
            for (Module m : ModuleTree.of(model).modules()) {
                // The root cannot be swapped; a module list has no forward of its own (its owner
                // runs its items).
                if (m.parent() == null || m.block() instanceof ModuleList) {
                    continue;
                }
                Surgery.Replacement r = Surgery.replace(model, m.path(), new Doubling(m.block()));
                assertTrue(
                        Fixtures.maxAbsDiff(before, outputs(model, manager)) > 0f,
                        m.path() + " was swapped but its replacement did not run");
                r.undo();
                swapped++;
            }
            assertTrue(swapped > 30, "swapped only " + swapped);
            assertEquals(
                    before, outputs(model, manager), "undoing every swap must restore the model");
        }
    }
}
