package org.delta4j.models.bart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.training.ParameterStore;
import java.lang.reflect.Field;
import java.util.Map;
import org.delta4j.models.Doubling;
import org.delta4j.models.HfModels;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.StructureAssertions;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;

/** Delta surgery replaces children by reflection; BART's blocks must run whatever their fields hold now. */
class BartSurgeryTest {
    @Test
    void everyChildFieldIsAMutableBlock() {
        StructureAssertions.assertChildFieldsAreMutableBlocks(
                new BartForConditionalGeneration(TinyBart.config("BartForConditionalGeneration")), 51);
    }

    @Test
    void swappedFieldAndListChildrenAreTheOnesThatRun() throws ReflectiveOperationException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyBart.config("BartModel"), manager, 11);
            NDList in = ModelInputs.of(manager, Map.of("input_ids", new long[][] {{0, 5, 6, 2}}));
            NDArray before = forward(model, manager, in);

            Block layer = ModuleTree.of(model).module("encoder.layers.0").block();
            Field fc2 = BartEncoderLayer.class.getDeclaredField("fc2");
            fc2.setAccessible(true);
            Block original = (Block) fc2.get(layer);
            fc2.set(layer, new Doubling(original));
            assertNotEquals(before, forward(model, manager, in));
            fc2.set(layer, original);
            assertEquals(before, forward(model, manager, in));

            Block layers = ModuleTree.of(model).module("decoder.layers").block();
            Field childrenField = AbstractBlock.class.getDeclaredField("children");
            childrenField.setAccessible(true);
            BlockList children = (BlockList) childrenField.get(layers);
            Block last = children.valueAt(1);
            children.remove(1);
            children.add(1, "1", new Doubling(last));
            assertNotEquals(before, forward(model, manager, in));
        }
    }

    private static NDArray forward(Block model, NDManager manager, NDList in) {
        return model.forward(new ParameterStore(manager, false), in, false).get("last_hidden_state");
    }
}
