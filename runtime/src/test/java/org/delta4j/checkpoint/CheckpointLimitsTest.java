package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.EveryMethod;
import org.delta4j.testing.FixtureBart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sizes and patterns in a delta folder's config cannot make a load allocate or run without bound:
 * every size argument of a delta4j checkpoint edited to two billion (a rank of 2e9 on BART's 32
 * wide layers asks for 256 GB) fails on the weights' shapes before anything is allocated, and
 * patterns that backtrack exponentially, in a checkpoint or in a PEFT adapter's {@code
 * target_modules}, stop within their budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointLimitsTest {
    /**
     * A size no file of these tests holds; any array it shaped would need hundreds of gigabytes.
     */
    private static final int HUGE = 2_000_000_000;

    @TempDir Path tmp;

    private FixtureBart bart;

    /**
     * One backbone for all tests: each failed load must leave it untouched, and each test checks
     * that.
     */
    private Block backbone;

    @BeforeAll
    void setUp() throws IOException {
        bart = FixtureBart.load();
        backbone = bart.backbone();
    }

    @AfterAll
    void tearDown() {
        bart.close();
    }

    /** Each method's size arguments, with the spec of {@link EveryMethod} that has them. */
    static Stream<Arguments> sizes() {
        Map<String, List<String>> byMethod =
                Map.of(
                        "adapter", List.of("bottleneck_dim"),
                        "lora", List.of("lora_r"),
                        "low_rank_adapter", List.of("low_rank_rank"),
                        "compacter", List.of("phm_rank"),
                        "parallel_adapter", List.of("bottleneck_dim"),
                        "prefix", List.of("prefix_token_num", "embed_dim", "mid_dim"),
                        "soft_prompt", List.of("soft_token_num"));
        return EveryMethod.onBart()
                .filter(spec -> byMethod.containsKey(spec.method()))
                .flatMap(
                        spec ->
                                byMethod.get(spec.method()).stream()
                                        .filter(key -> shapesATensor(spec, key))
                                        .map(key -> Arguments.of(spec, key)));
    }

    /** Without reparameterisation a prefix has no MLP, so only its token count shapes a tensor. */
    private static boolean shapesATensor(DeltaSpec spec, String key) {
        return !Boolean.FALSE.equals(spec.arguments().get("reparameterize"))
                || key.equals("prefix_token_num");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sizes")
    void aSizeTheWeightsDoNotHaveFailsBeforeAllocating(DeltaSpec spec, String key)
            throws IOException {
        Path dir = saved(spec);
        editConfig(
                dir,
                c ->
                        c.getAsJsonArray("deltas")
                                .get(0)
                                .getAsJsonObject()
                                .getAsJsonObject("arguments")
                                .addProperty(key, HUGE));
        BackboneState before = BackboneState.of(backbone, bart::logits);
        IOException e =
                assertTimeout(
                        Duration.ofSeconds(2),
                        () ->
                                assertThrows(
                                        IOException.class,
                                        () -> DeltaCheckpoint.load(dir, backbone)));
        String message = e.getMessage();
        assertTrue(message.contains(" does not fit its config: tensor "), message);
        assertTrue(message.contains(", the model expects ("), message);
        assertTrue(message.contains(Integer.toString(HUGE)), message);
        assertTrue(message.contains("as " + spec.method() + " with arguments {"), message);
        assertTrue(message.contains(key + "=" + HUGE), message);
        before.assertSame(backbone, bart::logits, message);
    }

    @Test
    void aSizeThatIsNoWholeNumberIsAClearError() throws IOException {
        DeltaSpec lora =
                EveryMethod.onBart()
                        .filter(s -> s.method().equals("lora"))
                        .findFirst()
                        .orElseThrow();
        Path dir = saved(lora);
        for (String value : new String[] {"4.5", "1e12"}) {
            editConfig(
                    dir,
                    c ->
                            c.getAsJsonArray("deltas")
                                    .get(0)
                                    .getAsJsonObject()
                                    .getAsJsonObject("arguments")
                                    .add("lora_r", JsonParser.parseString(value)));
            IOException e =
                    assertThrows(IOException.class, () -> DeltaCheckpoint.load(dir, backbone));
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "argument \"lora_r\" must be a whole number of at most 2147483647, "
                                            + "not "),
                    e.getMessage());
        }
    }

    /**
     * Patterns that ran past a minute on BART's module paths stop within their budget, naming the
     * file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"[r](?:\\w+\\.?)*?X", "[r](\\w+\\.?){1,40}X"})
    void aPatternThatBacktracksStopsWithinItsBudget(String pattern) throws IOException {
        DeltaSpec lora =
                EveryMethod.onBart()
                        .filter(s -> s.method().equals("lora"))
                        .findFirst()
                        .orElseThrow();
        Path dir = saved(lora);
        editConfig(
                dir,
                c ->
                        c.getAsJsonArray("deltas")
                                .get(0)
                                .getAsJsonObject()
                                .getAsJsonArray("modules")
                                .add(pattern));
        IOException e =
                assertTimeout(
                        Duration.ofSeconds(2),
                        () ->
                                assertThrows(
                                        IOException.class,
                                        () -> DeltaCheckpoint.load(dir, backbone)));
        assertTrue(e.getMessage().startsWith(dir + " does not fit this backbone"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "[delta4j:slow-regex] Module pattern \""
                                        + pattern
                                        + "\" was stopped "
                                        + "after 1000000 steps on module path \"model."),
                e.getMessage());
    }

    /** PEFT's string form of target_modules is a regular expression the whole path must match. */
    @Test
    void aPeftTargetRegexThatBacktracksStopsWithinItsBudget() throws IOException {
        DeltaSpec lora =
                EveryMethod.onBart()
                        .filter(s -> s.method().equals("lora"))
                        .findFirst()
                        .orElseThrow();
        Tuning tuning = TuningSpec.builder().add(lora).build().attach(backbone);
        Path dir = tmp.resolve("peft");
        PeftAdapter.save(tuning, dir);
        tuning.detach();
        Path config = dir.resolve(PeftAdapter.CONFIG);
        JsonObject json = JsonParser.parseString(Files.readString(config)).getAsJsonObject();
        json.addProperty("target_modules", "([a-z.0-9]+)+\\1X");
        Files.writeString(config, json.toString());
        IOException e =
                assertTimeout(
                        Duration.ofSeconds(2),
                        () ->
                                assertThrows(
                                        IOException.class, () -> PeftAdapter.load(dir, backbone)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                config
                                        + ": [delta4j:slow-regex] target_modules \"([a-z.0-9]+)+\\1X\" "
                                        + "was stopped after 1000000 steps on module path \"model."),
                e.getMessage());
    }

    /** Saves the spec's delta from the backbone and takes it off again. */
    private Path saved(DeltaSpec spec) throws IOException {
        Path dir = tmp.resolve(spec.method());
        Tuning tuning = TuningSpec.builder().add(spec).build().attach(backbone);
        DeltaCheckpoint.save(tuning, dir);
        tuning.detach();
        return dir;
    }

    /** Edits the config by hand: the seal goes, as the config's documentation says. */
    private static void editConfig(Path dir, Consumer<JsonObject> edit) throws IOException {
        Path file = dir.resolve(DeltaCheckpoint.CONFIG);
        JsonObject config = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        config.remove("configSha256");
        edit.accept(config);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(config));
    }
}
