package org.delta4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelChecks;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.Embedding;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The BERT family's behaviour beyond the fixtures: initialisation, inputs, dropout, gradients. */
class BertFamilyModelTest {
    // No padding id (0 for BERT and DistilBERT, 1 for RoBERTa) among the ids, so every variant
    // numbers positions 0..5.
    private static final long[][] IDS = {{5, 31, 12, 45, 7, 2}, {9, 8, 17, 23, 44, 60}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};

    private static NDList inputs(NDManager manager) {
        Map<String, long[][]> in = new LinkedHashMap<>();
        in.put("input_ids", IDS);
        in.put("attention_mask", MASK);
        return ModelInputs.of(manager, in);
    }

    private static NDArray eval(Block model, NDManager manager, NDList in) {
        return model.forward(new ParameterStore(manager, false), in, false)
                .get("last_hidden_state");
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void randomModelIsInitialisedAsHf(String architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModuleTree tree = ModuleTree.of(TinyBertFamily.random(architecture, manager, 7));
            String words = TinyBertFamily.wordEmbeddings(architecture);
            String embeddings = words.substring(0, words.lastIndexOf('.'));
            NDArray table = tree.parameters().get(words + ".weight").getArray();
            int pad = architecture.startsWith("Roberta") ? 1 : 0;
            assertEquals(
                    0f,
                    table.get(pad).abs().sum().getFloat(),
                    "padding row " + pad + " must be zero");
            float std = (float) Math.sqrt(table.get("2:").square().mean().getFloat());
            assertTrue(Math.abs(std - 0.02f) < 0.002f, "word embedding std " + std);
            NDArray positions =
                    tree.parameters().get(embeddings + ".position_embeddings.weight").getArray();
            assertEquals(
                    pad == 1,
                    positions.get(pad).abs().sum().getFloat() == 0f,
                    "only RoBERTa's position table has a padding row");
            assertEquals(
                    32f,
                    tree.parameters()
                            .get(embeddings + ".LayerNorm.weight")
                            .getArray()
                            .sum()
                            .getFloat());
            String attention = TinyBertFamily.selfAttention(architecture);
            String query = attention + (architecture.startsWith("Distil") ? ".q_lin" : ".query");
            assertEquals(
                    0f, tree.parameters().get(query + ".bias").getArray().abs().sum().getFloat());
            if (!architecture.startsWith("Distil")) {
                NDArray ids = tree.buffers().get(embeddings + ".position_ids").getArray();
                assertEquals(DataType.INT64, ids.getDataType());
                assertEquals(new Shape(1, 64), ids.getShape());
                assertEquals(63L, ids.getLong(0, 63));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void trainingForwardDropsOutAndEvalIsDeterministic(String architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelChecks.assertDropoutOnlyWhileTraining(
                    TinyBertFamily.random(architecture, manager, 1), manager, inputs(manager));
        }
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void inputsEmbedsGiveTheOutputOfTheirIds(String architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = TinyBertFamily.random(architecture, manager, 2);
            NDList in = inputs(manager);
            NDArray embeds =
                    ModelChecks.inputsEmbeds(
                            (HasInputEmbeddings) model, manager, in.get("input_ids"));
            NDArray viaEmbeds = eval(model, manager, new NDList(embeds, in.get("attention_mask")));
            assertEquals(eval(model, manager, in), viaEmbeds);
        }
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void inputEmbeddingsIsTheWordTable(String architecture) {
        Block model = HfModels.build(TinyBertFamily.config(architecture));
        Block table =
                ModuleTree.of(model).module(TinyBertFamily.wordEmbeddings(architecture)).block();
        assertSame(table, ((HasInputEmbeddings) model).inputEmbeddings());
        assertEquals(new Shape(99, 32), ((Embedding) table).weight().getShape());
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void exactlyOneOfIdsAndEmbedsIsRequired(String architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = TinyBertFamily.random(architecture, manager, 3);
            NDArray embeds = manager.zeros(new Shape(2, 6, 32));
            embeds.setName("inputs_embeds");
            NDList both = inputs(manager);
            both.add(embeds);
            NDArray mask = manager.create(MASK);
            mask.setName("attention_mask");
            for (NDList in : new NDList[] {both, new NDList(mask)}) {
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class, () -> eval(model, manager, in));
                assertTrue(
                        e.getMessage()
                                .contains("exactly one of \"input_ids\" and \"inputs_embeds\""),
                        e.getMessage());
            }
        }
    }

    @Test
    void defaultsAreZeroTokenTypesFullMaskAndPositionsFromZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = TinyBertFamily.random("BertModel", manager, 4);
            NDArray ids = manager.create(IDS);
            Map<String, long[][]> explicit = new LinkedHashMap<>();
            explicit.put("input_ids", IDS);
            explicit.put("attention_mask", new long[][] {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1}});
            explicit.put("token_type_ids", new long[2][6]);
            explicit.put("position_ids", new long[][] {{0, 1, 2, 3, 4, 5}, {0, 1, 2, 3, 4, 5}});
            assertEquals(
                    eval(model, manager, new NDList(ids)),
                    eval(model, manager, ModelInputs.of(manager, explicit)));
            explicit.put("token_type_ids", new long[][] {{0, 0, 0, 1, 1, 1}, {0, 0, 0, 1, 1, 1}});
            NDArray typed = eval(model, manager, ModelInputs.of(manager, explicit));
            assertTrue(
                    Fixtures.maxAbsDiff(eval(model, manager, new NDList(ids)), typed) > 1e-4,
                    "token_type_ids must change the output");
        }
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void unnamedInputsArePositional(String architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = TinyBertFamily.random(architecture, manager, 5);
            NDList positional = new NDList(manager.create(IDS), manager.create(MASK));
            assertEquals(eval(model, manager, inputs(manager)), eval(model, manager, positional));
        }
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void gradientsReachEveryParameter(String architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = TinyBertFamily.random(architecture, manager, 6);
            ModelChecks.backward(model, manager, inputs(manager));
            ModelChecks.assertGradients(model, ModuleTree.of(model).uniqueParameters().keySet());
        }
    }

    @ParameterizedTest
    @MethodSource("org.delta4j.models.bert.TinyBertFamily#architectures")
    void outputShapesFollowInputs(String architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = TinyBertFamily.random(architecture, manager, 8);
            NDList out = model.forward(new ParameterStore(manager, false), inputs(manager), false);
            Shape[] predicted =
                    model.getOutputShapes(new Shape[] {new Shape(2, 6), new Shape(2, 6)});
            Shape[] actual = out.getShapes();
            assertArrayEquals(actual, predicted);
            assertEquals(
                    "last_hidden_state",
                    out.get(architecture.endsWith("Classification") ? 1 : 0).getName());
        }
    }
}
