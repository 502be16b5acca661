package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import org.delta4j.annotations.Adapter;
import org.delta4j.annotations.BitFit;
import org.delta4j.annotations.Compacter;
import org.delta4j.annotations.Freeze;
import org.delta4j.annotations.Lora;
import org.delta4j.annotations.LowRankAdapter;
import org.delta4j.annotations.ParallelAdapter;
import org.delta4j.annotations.Prefix;
import org.delta4j.annotations.SoftPrompt;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.compacter.CompacterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.lowrank.LowRankAdapterSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.delta4j.spec.ArgumentRules;
import org.junit.jupiter.api.Test;

/**
 * An annotation's defaults must be the runtime builder's defaults, or a spec would mean one thing annotated and
 * another built by hand.
 */
class AnnotationDefaultsTest {
    private static Object defaultOf(Class<? extends Annotation> annotation, String attribute) throws Exception {
        Object value = annotation.getMethod(attribute).getDefaultValue();
        return value instanceof String[] strings ? Arrays.asList(strings) : value;
    }

    private static void assertAddressingDefaults(Class<? extends Annotation> annotation, List<String> modules)
            throws Exception {
        assertThat(defaultOf(annotation, "modules")).isEqualTo(modules);
        assertThat(defaultOf(annotation, "exclude")).isEqualTo(AbstractDeltaSpecBuilder.DEFAULT_EXCLUDE);
    }

    @Test
    void adapterDefaultsAreTheRuntimes() throws Exception {
        assertAddressingDefaults(Adapter.class, AdapterSpec.builder().build().modules());
        assertThat(defaultOf(Adapter.class, "name")).isEqualTo("");
        assertThat(defaultOf(Adapter.class, "bottleneck")).isEqualTo(AdapterSpec.DEFAULT_BOTTLENECK);
        assertThat(defaultOf(Adapter.class, "nonLinearity")).isEqualTo(AdapterSpec.DEFAULT_NON_LINEARITY);
    }

    @Test
    void loraDefaultsAreTheRuntimes() throws Exception {
        assertAddressingDefaults(Lora.class, LoraSpec.builder().build().modules());
        assertThat(defaultOf(Lora.class, "name")).isEqualTo("");
        assertThat(defaultOf(Lora.class, "r")).isEqualTo(LoraSpec.DEFAULT_R);
        assertThat(defaultOf(Lora.class, "alpha")).isEqualTo(LoraSpec.DEFAULT_ALPHA);
        assertThat(defaultOf(Lora.class, "dropout")).isEqualTo(LoraSpec.DEFAULT_DROPOUT);
    }

    @Test
    void bitFitDefaultsAreTheRuntimes() throws Exception {
        assertAddressingDefaults(BitFit.class, BitFitSpec.builder().build().modules());
    }

    @Test
    void lowRankAdapterDefaultsAreTheRuntimes() throws Exception {
        assertAddressingDefaults(LowRankAdapter.class, LowRankAdapterSpec.builder().build().modules());
        assertThat(defaultOf(LowRankAdapter.class, "reductionFactor"))
                .isEqualTo(LowRankAdapterSpec.DEFAULT_REDUCTION_FACTOR);
        assertThat(defaultOf(LowRankAdapter.class, "rank")).isEqualTo(LowRankAdapterSpec.DEFAULT_RANK);
        assertThat(defaultOf(LowRankAdapter.class, "nonLinearity"))
                .isEqualTo(LowRankAdapterSpec.DEFAULT_NON_LINEARITY);
    }

    @Test
    void compacterDefaultsAreTheRuntimes() throws Exception {
        assertAddressingDefaults(Compacter.class, CompacterSpec.builder().build().modules());
        assertThat(defaultOf(Compacter.class, "reductionFactor")).isEqualTo(CompacterSpec.DEFAULT_REDUCTION_FACTOR);
        assertThat(defaultOf(Compacter.class, "hypercomplexDivision"))
                .isEqualTo(CompacterSpec.DEFAULT_HYPERCOMPLEX_DIVISION);
        assertThat(defaultOf(Compacter.class, "phmRank")).isEqualTo(CompacterSpec.DEFAULT_PHM_RANK);
        assertThat(defaultOf(Compacter.class, "nonLinearity")).isEqualTo(CompacterSpec.DEFAULT_NON_LINEARITY);
    }

    @Test
    void parallelAdapterDefaultsAreTheRuntimes() throws Exception {
        assertAddressingDefaults(ParallelAdapter.class, ParallelAdapterSpec.builder().build().modules());
        assertThat(defaultOf(ParallelAdapter.class, "bottleneck")).isEqualTo(ParallelAdapterSpec.DEFAULT_BOTTLENECK);
        assertThat(defaultOf(ParallelAdapter.class, "nonLinearity"))
                .isEqualTo(ParallelAdapterSpec.DEFAULT_NON_LINEARITY);
        assertThat(defaultOf(ParallelAdapter.class, "scaled")).isEqualTo(ParallelAdapterSpec.DEFAULT_SCALED);
    }

    @Test
    void prefixDefaultsAreTheRuntimes() throws Exception {
        assertAddressingDefaults(Prefix.class, PrefixSpec.builder().build().modules());
        assertThat(defaultOf(Prefix.class, "prefixTokenNum")).isEqualTo(PrefixSpec.DEFAULT_PREFIX_TOKEN_NUM);
        assertThat(defaultOf(Prefix.class, "reparameterize")).isEqualTo(PrefixSpec.DEFAULT_REPARAMETERIZE);
        assertThat(defaultOf(Prefix.class, "embedDim")).isEqualTo(PrefixSpec.DEFAULT_EMBED_DIM);
        assertThat(defaultOf(Prefix.class, "midDim")).isEqualTo(PrefixSpec.DEFAULT_MID_DIM);
    }

    @Test
    void softPromptDefaultsAreTheRuntimes() throws Exception {
        assertThat(defaultOf(SoftPrompt.class, "softTokenNum")).isEqualTo(SoftPromptSpec.DEFAULT_SOFT_TOKEN_NUM);
        assertThat(defaultOf(SoftPrompt.class, "initRange")).isEqualTo(SoftPromptSpec.DEFAULT_INIT_RANGE);
        assertThat(defaultOf(SoftPrompt.class, "tokenInit")).isEqualTo(SoftPromptSpec.DEFAULT_TOKEN_INIT);
        assertThat(SoftPromptSpec.builder().build().exclude()).isEmpty();
    }

    @Test
    void freezeDefaultsAreTheRuntimes() throws Exception {
        FreezeSpec built = FreezeSpec.builder().build();
        assertThat(defaultOf(Freeze.class, "exclude")).isEqualTo(List.of(FreezeSpec.DELTAS));
        assertThat(defaultOf(Freeze.class, "exclude")).isEqualTo(built.exclude());
        assertThat(defaultOf(Freeze.class, "setStateDict")).isEqualTo(built.setStateDict());
        assertThat(ArgumentRules.FREEZE_DELTAS).isEqualTo(FreezeSpec.DELTAS);
    }
}
