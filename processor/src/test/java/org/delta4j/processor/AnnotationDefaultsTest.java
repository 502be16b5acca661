package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;
import org.delta4j.annotations.Adapter;
import org.delta4j.annotations.BitFit;
import org.delta4j.annotations.Freeze;
import org.delta4j.annotations.Lora;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.lora.LoraSpec;
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

    @Test
    void adapterDefaultsAreTheRuntimes() throws Exception {
        AdapterSpec built = AdapterSpec.builder().build();
        assertThat(defaultOf(Adapter.class, "modules")).isEqualTo(built.modules());
        assertThat(defaultOf(Adapter.class, "exclude")).isEqualTo(AbstractDeltaSpecBuilder.DEFAULT_EXCLUDE);
        assertThat(defaultOf(Adapter.class, "bottleneck")).isEqualTo(AdapterSpec.DEFAULT_BOTTLENECK);
        assertThat(defaultOf(Adapter.class, "nonLinearity")).isEqualTo(AdapterSpec.DEFAULT_NON_LINEARITY);
    }

    @Test
    void loraDefaultsAreTheRuntimes() throws Exception {
        LoraSpec built = LoraSpec.builder().build();
        assertThat(defaultOf(Lora.class, "modules")).isEqualTo(built.modules());
        assertThat(defaultOf(Lora.class, "exclude")).isEqualTo(AbstractDeltaSpecBuilder.DEFAULT_EXCLUDE);
        assertThat(defaultOf(Lora.class, "r")).isEqualTo(LoraSpec.DEFAULT_R);
        assertThat(defaultOf(Lora.class, "alpha")).isEqualTo(LoraSpec.DEFAULT_ALPHA);
        assertThat(defaultOf(Lora.class, "dropout")).isEqualTo(LoraSpec.DEFAULT_DROPOUT);
    }

    @Test
    void bitFitDefaultsAreTheRuntimes() throws Exception {
        BitFitSpec built = BitFitSpec.builder().build();
        assertThat(defaultOf(BitFit.class, "modules")).isEqualTo(built.modules());
        assertThat(defaultOf(BitFit.class, "exclude")).isEqualTo(AbstractDeltaSpecBuilder.DEFAULT_EXCLUDE);
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
