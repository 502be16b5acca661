package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.delta4j.processor.Compilations.compile;
import static org.delta4j.processor.Compilations.spec;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.delta4j.delta.Tuning;
import org.delta4j.models.ModelInputs;
import org.delta4j.spec.Problem;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;

/**
 * Specs that name the class they tune: patterns are checked against the head class, and the wiring
 * loads a folder as that class, with the number of labels the spec sets.
 */
class HeadSpecTest {
    /** The most common fine-tuning spec, which failed to compile before heads were in the DSL. */
    @Test
    void classifierSpecLoadsTheFixtureAndTrainsTheDeltasAndTheClassifier() throws Exception {
        Path fixture = fixture("bert_for_sequence_classification");
        Class<?> wiring =
                new CompiledClasses(
                                compile(
                                        JavaFileObjects.forResource(
                                                "specs/com/example/BertSentimentLora.java")))
                        .loadClass("com.example.BertSentimentLoraDelta");
        assertThat(wiring.getField("MODEL_CLASS").get(null))
                .isEqualTo("BertForSequenceClassification");
        assertThat(wiring.getField("NUM_LABELS").get(null)).isEqualTo(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = (Block) call(wiring, "load", fixture, manager);
            assertThat(model.getClass().getSimpleName()).isEqualTo("BertForSequenceClassification");
            NDList in = ModelInputs.fromJson(manager, fixture.resolve("inputs.json"));
            NDList before = model.forward(new ParameterStore(manager, false), in, false);
            Tuning tuning = (Tuning) call(wiring, "attach", model);
            assertThat(tuning.deltaParameters())
                    .hasSize(2 * 2 * 2); // 2 layers, query and value, A and B
            Collection<Parameter> deltas = tuning.deltaParameters().values();
            for (Map.Entry<String, Parameter> p : ModuleTree.of(model).parameters().entrySet()) {
                boolean trains =
                        p.getKey().startsWith("classifier.")
                                || deltas.stream().anyMatch(d -> d == p.getValue());
                assertThat(p.getValue().requiresGradient()).isEqualTo(trains);
            }
            NDList after = model.forward(new ParameterStore(manager, false), in, false);
            // LoRA's B starts at zero: the checkpoint's own classifier gives the same logits.
            assertThat(after.get(0).getShape()).isEqualTo(new Shape(2, 2));
            assertThat(after.get(0).allClose(before.get(0), 1e-6, 1e-6, false)).isTrue();
        }
    }

    @Test
    void anotherNumberOfLabelsIsCheckedAndLoadedWithThatSize() throws Exception {
        Path fixture = fixture("bert_for_sequence_classification");
        Class<?> wiring =
                new CompiledClasses(
                                compile(
                                        spec(
                                                "@Backbone(value = \"bert-base-uncased\", "
                                                        + "modelClass = \"BertForSequenceClassification\", numLabels = 5)",
                                                "@BitFit(modules = \"output.dense\")",
                                                "@Freeze(exclude = {\"deltas\", \"classifier\"})",
                                                "interface Spec {}")))
                        .loadClass("test.SpecDelta");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = (Block) call(wiring, "load", fixture, manager);
            Map<String, Parameter> state = ModuleTree.of(model).state();
            assertThat(state.get("classifier.weight").getArray().getShape())
                    .isEqualTo(new Shape(5, 32));
            call(wiring, "attach", model);
            NDList in = ModelInputs.fromJson(manager, fixture.resolve("inputs.json"));
            NDList out = model.forward(new ParameterStore(manager, false), in, false);
            assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 5));
        }
    }

    /**
     * The classifier's size is the spec's: a Compacter on it divides 3 outputs, not the hub's 2.
     */
    @Test
    void theClassifierIsCheckedWithTheSpecsNumberOfLabels() {
        Compilation compilation =
                compile(
                        spec(
                                "@Backbone(value = \"bert-base-uncased\", "
                                        + "modelClass = \"BertForSequenceClassification\", numLabels = 3)",
                                "@Compacter(modules = \"classifier\", reductionFactor = 1)",
                                "interface Spec {}"));
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(Problem.INDIVISIBLE.tag() + " ");
        assertThat(compilation).hadErrorContaining("its size 3 and its bottleneck 3");
    }

    @Test
    void everyFamilysHeadClassCompilesWithItsHeadNamed() {
        String[][] specs = {
            {"gpt2", "GPT2LMHeadModel", "@Lora(modules = \"c_attn\")", "lm_head"},
            {"facebook/bart-base", "BartForConditionalGeneration", "@Lora", "lm_head"},
            {
                "t5-small",
                "T5ForConditionalGeneration",
                "@Adapter(modules = \"DenseReluDense\")",
                "lm_head"
            },
            {"distilbert-base-uncased", "DistilBertModel", "@BitFit", "embeddings"},
        };
        for (String[] s : specs) {
            Compilation compilation =
                    compile(
                            spec(
                                    "@Backbone(value = \""
                                            + s[0]
                                            + "\", modelClass = \""
                                            + s[1]
                                            + "\")",
                                    s[2],
                                    "@Freeze(exclude = {\"deltas\", \"" + s[3] + "\"})",
                                    "interface Spec {}"));
            assertThat(compilation).succeededWithoutWarnings();
        }
    }

    /** The head is a module of the head class only: the base model has no {@code lm_head}. */
    @Test
    void theHeadIsAModuleOfTheHeadClassOnly() {
        String lora = "@Lora(modules = \"lm_head\", exclude = {})";
        assertThat(
                        compile(
                                spec(
                                        "@Backbone(value = \"gpt2\", modelClass = \"GPT2LMHeadModel\")",
                                        lora,
                                        "interface Spec {}")))
                .succeededWithoutWarnings();
        assertThat(compile(spec("@Backbone(\"gpt2\")", lora, "interface Spec {}")))
                .hadErrorContaining(
                        Problem.UNKNOWN_MODULE.tag()
                                + " Module pattern \"lm_head\" matches no module of gpt2.");
    }

    private static Object call(Class<?> wiring, String method, Object... args) throws Exception {
        for (java.lang.reflect.Method m : wiring.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    private static Path fixture(String name) {
        String root = System.getProperty("delta4j.fixtures");
        assumeTrue(root != null, "delta4j.fixtures is not set; skipping the fixture test");
        Path dir = Path.of(root, "models", name);
        assumeTrue(Files.isDirectory(dir), "no fixture " + dir + "; skipping");
        return dir;
    }
}
