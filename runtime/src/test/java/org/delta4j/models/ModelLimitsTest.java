package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.delta4j.models.hf.HfModels;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code config.json} cannot make delta4j build or allocate without bound: layer counts are
 * capped when the config is read, tensor and model sizes when the model is built (from shapes
 * alone), and a folder's layer count must be the one its weights hold. Epsilons and probabilities
 * that would make every output NaN are refused by name.
 */
class ModelLimitsTest {
    /**
     * What a 600-byte config asked for when the issue was filed: 6.4 GB and minutes, then
     * OutOfMemoryError.
     */
    private static final long HUNDRED_MILLION = 100_000_000;

    @TempDir Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "bert, num_hidden_layers",
        "roberta, num_hidden_layers",
        "distilbert, n_layers",
        "gpt2, n_layer",
        "t5, num_layers",
        "t5, num_decoder_layers",
        "bart, encoder_layers",
        "bart, decoder_layers"
    })
    void aHugeLayerCountFailsWhenTheConfigIsRead(String fixture, String key) throws IOException {
        Path dir = edited(fixture, c -> c.addProperty(key, HUNDRED_MILLION));
        IllegalArgumentException e =
                assertTimeout(
                        Duration.ofSeconds(1),
                        () ->
                                assertThrows(
                                        IllegalArgumentException.class,
                                        () -> HfModels.readConfig(dir)));
        assertEquals(
                dir.resolve("config.json")
                        + ": "
                        + key
                        + " = "
                        + HUNDRED_MILLION
                        + " is more layers than "
                        + "delta4j builds: at most 1024, "
                        + ModelLimits.ABOVE_REAL_MODELS,
                e.getMessage());
    }

    @Test
    void aTensorLargerThanOneArrayHoldsFailsWhenTheModelIsBuilt() throws IOException {
        ModelConfig config =
                HfModels.readConfig(
                        edited("bert", c -> c.addProperty("vocab_size", 2_000_000_000)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HfModels.build(config));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "the config asks for embeddings.word_embeddings.weight of shape "
                                        + "(2000000000, 32), more elements than delta4j builds in one tensor (at most 2147483647, "),
                e.getMessage());
    }

    @Test
    void aModelLargerThanAnyRealOneFailsWhenItIsBuilt() throws IOException {
        Path dir =
                edited(
                        "bert",
                        c -> {
                            c.addProperty("num_hidden_layers", 1024);
                            c.addProperty("hidden_size", 40_000);
                            c.addProperty("num_attention_heads", 1);
                            c.addProperty("intermediate_size", 40_000);
                        });
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> HfModels.buildBase(HfModels.readConfig(dir)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "the config asks for 9.83e+12 parameter and buffer elements, more than "
                                        + "delta4j builds (at most 100000000000, "),
                e.getMessage());
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException load =
                    assertThrows(IllegalArgumentException.class, () -> HfModels.load(dir, manager));
            assertTrue(
                    load.getMessage()
                            .startsWith(
                                    dir.resolve("config.json") + ": the config asks for 9.83e+12"),
                    load.getMessage());
        }
    }

    /**
     * T5 v1.1 XXL's sizes (11 billion parameters), the largest of these families delta4j's tests
     * know, build.
     */
    @Test
    void theLargestRealModelsStayWithinTheLimits() throws IOException {
        Path dir =
                edited(
                        "t5",
                        c -> {
                            c.addProperty("d_model", 4096);
                            c.addProperty("d_kv", 64);
                            c.addProperty("d_ff", 10240);
                            c.addProperty("num_heads", 64);
                            c.addProperty("num_layers", 24);
                            c.addProperty("num_decoder_layers", 24);
                            c.addProperty("vocab_size", 32128);
                            c.addProperty("feed_forward_proj", "gated-gelu");
                        });
        long elements =
                ModuleTree.of(HfModels.build(HfModels.readConfig(dir)))
                        .uniqueParameters()
                        .values()
                        .stream()
                        .mapToLong(p -> p.getShape().size())
                        .sum();
        assertTrue(
                elements > 11_000_000_000L && elements < ModelLimits.MAX_ELEMENTS,
                Long.toString(elements));
    }

    @Test
    void aLayerCountTheWeightsDoNotHoldIsOneLine() throws IOException {
        Path dir = edited("bert", c -> c.addProperty("num_hidden_layers", 7));
        Files.copy(
                Fixtures.model("bert").resolve("model.safetensors"),
                dir.resolve("model.safetensors"));
        String message = FixtureEdits.loadError(dir);
        assertEquals(
                "The weights "
                        + dir.resolve("model.safetensors")
                        + " hold 2 layers under encoder.layer "
                        + "(encoder.layer.0 to encoder.layer.1), but config.json asks for 7: set its layer count for "
                        + "encoder.layer to 2.",
                message);
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
        "bert, layer_norm_eps, -1e-12",
        "bert, layer_norm_eps, 0",
        "bert, layer_norm_eps, 1e39",
        "gpt2, layer_norm_epsilon, -0.5",
        "t5, layer_norm_epsilon, 0"
    })
    void anEpsilonThatWouldMakeEveryOutputNanIsRefusedByName(
            String fixture, String key, String value) throws IOException {
        Path dir = edited(fixture, c -> c.add(key, JsonParser.parseString(value)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HfModels.readConfig(dir));
        assertTrue(e.getMessage().contains(": " + key + " = "), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                " is not a positive finite number: layer norms divide by sqrt(variance + "
                                        + key
                                        + ")"),
                e.getMessage());
    }

    @Test
    void aNanEpsilonIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                HfModels.readConfig(
                                        edited(
                                                "bert",
                                                c -> c.addProperty("layer_norm_eps", Float.NaN))));
        assertTrue(
                e.getMessage().contains(": layer_norm_eps = NaN is not a positive finite number"),
                e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
        "bert, hidden_dropout_prob, 1.5",
        "distilbert, attention_dropout, -0.1",
        "gpt2, attn_pdrop, 1",
        "t5, dropout_rate, 2",
        "bart, encoder_layerdrop, 1.1",
        "bert, initializer_range, -0.02"
    })
    void aProbabilityOrScaleOutOfRangeIsRefusedByName(String fixture, String key, String value)
            throws IOException {
        Path dir = edited(fixture, c -> c.add(key, JsonParser.parseString(value)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HfModels.readConfig(dir));
        assertTrue(
                e.getMessage().startsWith(dir.resolve("config.json") + ": " + key + " = "),
                e.getMessage());
    }

    /** The fixture's config.json, edited, alone in a new folder. */
    private Path edited(String fixture, Consumer<JsonObject> edit) throws IOException {
        JsonObject config =
                JsonParser.parseString(
                                Files.readString(Fixtures.model(fixture).resolve("config.json")))
                        .getAsJsonObject();
        edit.accept(config);
        Path dir = Files.createDirectories(tmp.resolve(fixture + "-" + System.nanoTime()));
        Files.writeString(dir.resolve("config.json"), config.toString());
        return dir;
    }
}
