package org.delta4j.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Soft prompts on models without an encoder-decoder split go on the root, as an input hook. */
class RootSoftPromptTest {
    private static final int TOKENS = 4;

    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bert",
                "bert_for_sequence_classification",
                "roberta",
                "distilbert",
                "gpt2",
                "gpt2_lm_head"
            })
    void promptEqualsFeedingItsEmbeddingsAndSurvivesSaveAndDetach(String model) throws Exception {
        Path dir = Fixtures.model(model);
        try (NDManager m = NDManager.newBaseManager()) {
            Block backbone = HfModels.load(dir, m);
            NDList inputs = ModelInputs.fromJson(m, dir.resolve("inputs.json"));
            NDArray ids = inputs.get("input_ids");
            NDArray mask = inputs.get("attention_mask");
            float[] plain = hidden(backbone, inputs, m);
            List<String> paths = ModuleTree.of(backbone).paths();

            Tuning t =
                    TuningSpec.builder()
                            .add(SoftPromptSpec.builder().softTokenNum(TOKENS).build())
                            .build()
                            .attach(backbone);
            NDArray soft = t.deltaParameters().get("soft_prompt_layer.soft_embeds").getArray();
            NDArray prompted = hiddenArray(backbone, inputs, m);
            assertEquals(ids.getShape().get(1) + TOKENS, prompted.getShape().get(1));
            assertEquals(new Shape(2, 10), mask.getShape(), "the caller's mask is not touched");

            // The same as the plain model fed the prompt's embeddings and a mask with the prompt in
            // front.
            NDArray table = ((HasInputEmbeddings) backbone).inputEmbeddings().weight().getArray();
            NDArray embeds =
                    NDArrays.concat(
                            new NDList(
                                    soft.expandDims(0).broadcast(2, TOKENS, soft.getShape().get(1)),
                                    table.get(ids)),
                            1);
            embeds.setName("inputs_embeds");
            NDArray longMask =
                    NDArrays.concat(
                            new NDList(m.ones(new Shape(2, TOKENS), mask.getDataType()), mask), 1);
            longMask.setName("attention_mask");
            Path saved = tmp.resolve(model);
            DeltaCheckpoint.save(t, saved);
            t.detach();
            assertEquals(paths, ModuleTree.of(backbone).paths());
            assertArrayEquals(plain, hidden(backbone, inputs, m));
            float[] byHand = hidden(backbone, new NDList(embeds, longMask), m);
            assertArrayEquals(byHand, prompted.toFloatArray(), 1e-5f);

            DeltaCheckpoint.load(saved, backbone);
            assertArrayEquals(prompted.toFloatArray(), hidden(backbone, inputs, m));
            assertTrue(ModuleTree.of(backbone).module("soft_prompt_layer").isDelta());
        }
    }

    private static NDArray hiddenArray(Block model, NDList inputs, NDManager m) {
        return model.forward(new ParameterStore(m, false), inputs, false).get("last_hidden_state");
    }

    private static float[] hidden(Block model, NDList inputs, NDManager m) {
        return hiddenArray(model, inputs, m).toFloatArray();
    }
}
