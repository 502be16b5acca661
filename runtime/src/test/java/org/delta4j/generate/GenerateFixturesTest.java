package org.delta4j.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.delta4j.checkpoint.PeftAdapter;
import org.delta4j.delta.Tuning;
import org.delta4j.generate.session.RecomputingSession;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code generate/} fixture case (GPT-2, BART, T5, Llama, Mistral, Qwen2; transformers
 * 4.38.2, PEFT 0.10.0 for the LoRA adapters) through {@link Generator}, with the key/value cache
 * and without: the ids exactly, {@code scores} within 1e-5 x max(1, the row's largest |score|),
 * {@code sequences_scores} within 1e-5 x max(1, |value|).
 */
class GenerateFixturesTest {
    /** Each backbone is loaded once; an adapter case detaches its adapter after. */
    private static final Map<Path, Block> MODELS = new HashMap<>();

    private static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        MODELS.clear();
        manager.close();
    }

    static Stream<String> cases() throws IOException {
        String root = System.getProperty("delta4j.fixtures");
        Path dir = root == null ? null : Path.of(root, "generate");
        if (dir == null || !Files.isDirectory(dir)) {
            return Stream.of("(fixtures absent)");
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list
                    .filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTransformers(String name) throws IOException {
        Path dir = Fixtures.root().resolve("generate").resolve(name);
        GenerateFixtureCase fixture = GenerateFixtureCase.read(dir);
        Block model = MODELS.get(fixture.modelDir());
        if (model == null) {
            model = HfModels.load(fixture.modelDir(), manager);
            MODELS.put(fixture.modelDir(), model);
        }
        Tuning adapter =
                fixture.adapterDir() == null ? null : PeftAdapter.load(fixture.adapterDir(), model);
        try {
            Generator cached = Generator.of(model, fixture.config());
            check(name + " (cached)", fixture, cached);
            check(
                    name + " (recomputed)",
                    fixture,
                    cached.withSessions(RecomputingSession.opener()));
        } finally {
            if (adapter != null) {
                adapter.detach();
            }
        }
    }

    private static void check(String name, GenerateFixtureCase fixture, Generator generator)
            throws IOException {
        GenerationResult out =
                generator.generate(fixture.inputs("input_ids"), fixture.inputs("attention_mask"));
        assertArrayEquals(fixture.sequences(), out.sequences(), name + ": sequences");
        float[] expectedScores = fixture.sequencesScores();
        if (expectedScores != null) {
            float[] actual = out.sequencesScores();
            assertEquals(expectedScores.length, actual.length);
            for (int i = 0; i < actual.length; i++) {
                float tolerance = 1e-5f * Math.max(1, Math.abs(expectedScores[i]));
                assertEquals(
                        expectedScores[i], actual[i], tolerance, name + " sequences_scores " + i);
            }
        }
        List<float[][]> scores = fixture.scores();
        float worst = 0;
        for (int step = 0; step < scores.size(); step++) {
            for (int r = 0; r < scores.get(step).length; r++) {
                worst =
                        Math.max(
                                worst,
                                relativeError(scores.get(step)[r], out.scores().get(step)[r]));
            }
        }
        assertTrue(worst <= 1e-5f, name + ": scores differ by " + worst);
    }

    /** The largest difference over max(1, the row's largest |expected|), -inf matching -inf. */
    private static float relativeError(float[] expected, float[] actual) {
        float scale = 1;
        for (float x : expected) {
            if (Float.isFinite(x)) {
                scale = Math.max(scale, Math.abs(x));
            }
        }
        float worst = 0;
        for (int v = 0; v < expected.length; v++) {
            if (Float.isInfinite(expected[v]) || Float.isInfinite(actual[v])) {
                if (expected[v] != actual[v]) {
                    return Float.POSITIVE_INFINITY;
                }
            } else {
                worst = Math.max(worst, Math.abs(expected[v] - actual[v]) / scale);
            }
        }
        return worst;
    }
}
