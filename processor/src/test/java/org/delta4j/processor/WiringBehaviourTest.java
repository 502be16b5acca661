package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.delta4j.processor.Compilations.compile;
import static org.delta4j.processor.Compilations.spec;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.TuningSpec;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.junit.jupiter.api.Test;

/**
 * Runs generated wiring: it must build exactly the annotated runtime spec, and re-check run-time
 * values.
 */
class WiringBehaviourTest {
    private static Object invoke(Object target, String method, Class<?>[] types, Object... args)
            throws Exception {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        Method m = type.getMethod(method, types);
        try {
            return m.invoke(target instanceof Class<?> ? null : target, args);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static Object builderOf(String spec) throws Exception {
        Class<?> wiring =
                new CompiledClasses(compile(JavaFileObjects.forResource(spec)))
                        .loadClass("com.example.BartFfnAdapterDelta");
        return invoke(wiring, "builder", new Class<?>[0]);
    }

    private static TuningSpec build(Object builder) throws Exception {
        return (TuningSpec)
                invoke(invoke(builder, "build", new Class<?>[0]), "spec", new Class<?>[0]);
    }

    @Test
    void builderDefaultsToTheAnnotatedValues() throws Exception {
        TuningSpec spec = build(builderOf("specs/com/example/BartFfnAdapter.java"));
        DeltaSpec adapter = spec.deltas().get(0);
        assertThat(spec.deltas()).hasSize(1);
        assertThat(adapter.method()).isEqualTo("adapter");
        assertThat(adapter.modules()).containsExactly("fc2");
        assertThat(adapter.exclude()).containsExactly("lm_head");
        assertThat(adapter.arguments())
                .isEqualTo(Map.of("bottleneck_dim", 12, "non_linearity", "gelu_new"));
        FreezeSpec freeze = spec.freeze().orElseThrow();
        assertThat(freeze.exclude()).containsExactly("deltas", "layernorm_embedding").inOrder();
        assertThat(freeze.setStateDict()).isTrue();
    }

    @Test
    void settersChangeValuesAndCheckThemAtOnce() throws Exception {
        Object builder = builderOf("specs/com/example/BartFfnAdapter.java");
        invoke(builder, "adapterBottleneck", new Class<?>[] {int.class}, 48);
        invoke(builder, "freezeSetStateDict", new Class<?>[] {boolean.class}, false);
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> invoke(builder, "adapterBottleneck", new Class<?>[] {int.class}, 0));
        assertThat(e.problem()).isEqualTo(Problem.OUT_OF_RANGE);
        assertThrows(
                SpecException.class,
                () ->
                        invoke(
                                builder,
                                "adapterModules",
                                new Class<?>[] {String[].class},
                                (Object) new String[] {"[r](fc2"}));
        TuningSpec spec = build(builder);
        assertThat(spec.deltas().get(0).arguments()).containsEntry("bottleneck_dim", 48);
        assertThat(spec.freeze().orElseThrow().setStateDict()).isFalse();
    }

    @Test
    void deltasKeepTheOrderOfTheirAnnotations() throws Exception {
        Class<?> wiring =
                new CompiledClasses(
                                compile(
                                        spec(
                                                "@Backbone(\"facebook/bart-base\")",
                                                "@Lora(modules = \"q_proj\", r = 4)",
                                                "@BitFit(modules = \"encoder\")",
                                                "@Adapter(modules = \"fc2\")",
                                                "interface Spec {}")))
                        .loadClass("test.SpecDelta");
        TuningSpec spec = build(invoke(wiring, "builder", new Class<?>[0]));
        assertThat(spec.deltas().stream().map(DeltaSpec::method).toList())
                .isEqualTo(List.of("lora", "bitfit", "adapter"));
        assertThat(spec.deltas().get(0).arguments()).containsEntry("lora_r", 4);
        assertThat(spec.freeze()).isEmpty();
        assertThat(wiring.getField("BACKBONE").get(null)).isEqualTo("facebook/bart-base");
    }

    @Test
    void namedSettersChangeTheirOwnDelta() throws Exception {
        Class<?> wiring =
                new CompiledClasses(
                                compile(
                                        spec(
                                                "@Backbone(\"facebook/bart-base\")",
                                                "@Lora(name = \"attn\", modules = {\"attn.q\", \"attn.v\"}, r = 8)",
                                                "@Lora(name = \"ffn\", modules = \"ff.w1\", r = 4)",
                                                "interface Spec {}")))
                        .loadClass("test.SpecDelta");
        Object builder = invoke(wiring, "builder", new Class<?>[0]);
        invoke(builder, "attnR", new Class<?>[] {int.class}, 16);
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> invoke(builder, "ffnDropout", new Class<?>[] {double.class}, 1.0));
        assertThat(e.problem()).isEqualTo(Problem.OUT_OF_RANGE);
        TuningSpec spec = build(builder);
        assertThat(spec.deltas().get(0).arguments()).containsEntry("lora_r", 16);
        assertThat(spec.deltas().get(0).modules()).containsExactly("attn.q", "attn.v").inOrder();
        assertThat(spec.deltas().get(1).arguments()).containsEntry("lora_r", 4);
    }

    @Test
    void everyMethodBuildsItsRuntimeSpec() throws Exception {
        Class<?> wiring =
                new CompiledClasses(
                                compile(
                                        spec(
                                                "@Backbone(\"facebook/bart-base\")",
                                                "@LowRankAdapter(modules = \"fc2\", rank = 2)",
                                                "@Compacter(modules = \"fc2\", hypercomplexDivision = 8)",
                                                "@ParallelAdapter(modules = {\"fc1\", \"fc2\"}, scaled = 4)",
                                                "@Prefix(prefixTokenNum = 3)",
                                                "@SoftPrompt(softTokenNum = 5)",
                                                "interface Spec {}")))
                        .loadClass("test.SpecDelta");
        Object builder = invoke(wiring, "builder", new Class<?>[0]);
        assertThrows(
                SpecException.class,
                () ->
                        invoke(
                                builder,
                                "compacterHypercomplexDivision",
                                new Class<?>[] {int.class},
                                0));
        TuningSpec spec = build(builder);
        assertThat(spec.deltas().stream().map(DeltaSpec::method).toList())
                .isEqualTo(
                        List.of(
                                "low_rank_adapter",
                                "compacter",
                                "parallel_adapter",
                                "prefix",
                                "soft_prompt"));
        assertThat(spec.deltas().get(0).arguments()).containsEntry("low_rank_rank", 2);
        assertThat(spec.deltas().get(1).arguments()).containsEntry("hypercomplex_division", 8);
        assertThat(spec.deltas().get(2).arguments()).containsEntry("scaled", 4.0);
        assertThat(spec.deltas().get(3).modules()).isEmpty();
        assertThat(spec.deltas().get(3).arguments()).containsEntry("prefix_token_num", 3);
        assertThat(spec.deltas().get(4).arguments()).containsEntry("soft_token_num", 5);
        assertThat(spec.deltas().get(4).exclude()).isEmpty();
    }
}
