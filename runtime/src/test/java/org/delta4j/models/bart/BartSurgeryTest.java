package org.delta4j.models.bart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.delta4j.models.Doubling;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.StructureAssertions;
import org.delta4j.models.hf.HfModels;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.api.Test;

/**
 * Delta surgery replaces a child's list entry; BART's blocks must run whatever their lists hold
 * now.
 */
class BartSurgeryTest {
    @Test
    void childrenAreReachedThroughTheirList() {
        StructureAssertions.assertChildrenAreReachedThroughTheirList(
                new BartForConditionalGeneration(TinyBart.config("BartForConditionalGeneration")),
                51);
    }

    @Test
    void swappedChildrenAndModuleListItemsAreTheOnesThatRun() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyBart.config("BartModel"), manager, 11);
            NDList in = ModelInputs.of(manager, Map.of("input_ids", new long[][] {{0, 5, 6, 2}}));
            NDArray before = forward(model, manager, in);
            for (String path : new String[] {"encoder.layers.0.fc2", "decoder.layers.1"}) {
                Surgery.Replacement r = Surgery.replace(model, path, doubling(model, path));
                assertNotEquals(
                        before, forward(model, manager, in), path + " was swapped but did not run");
                r.undo();
                assertEquals(
                        before,
                        forward(model, manager, in),
                        "undoing " + path + " must restore the model");
            }
        }
    }

    private static Doubling doubling(Block model, String path) {
        return new Doubling(ModuleTree.of(model).module(path).block());
    }

    private static NDArray forward(Block model, NDManager manager, NDList in) {
        return model.forward(new ParameterStore(manager, false), in, false)
                .get("last_hidden_state");
    }
}
