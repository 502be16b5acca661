package org.delta4j.testing;

import java.util.stream.Stream;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.compacter.CompacterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.lowrank.LowRankAdapterSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;

/**
 * One small spec of every delta method (and both prefix variants), with module names of a BART
 * backbone.
 */
public final class EveryMethod {
    private EveryMethod() {}

    /**
     * @return the specs
     */
    public static Stream<DeltaSpec> onBart() {
        return Stream.of(
                AdapterSpec.builder().modules("fc2").bottleneck(5).nonLinearity("relu").build(),
                LoraSpec.builder().modules("q_proj", "v_proj").r(3).alpha(6).build(),
                BitFitSpec.builder().modules("self_attn").build(),
                LowRankAdapterSpec.builder().modules("fc2").reductionFactor(8).rank(2).build(),
                CompacterSpec.builder().modules("q_proj").reductionFactor(4).build(),
                ParallelAdapterSpec.builder().modules("fc1", "fc2").bottleneck(7).build(),
                PrefixSpec.builder()
                        .modules("self_attn")
                        .prefixTokenNum(3)
                        .embedDim(16)
                        .midDim(8)
                        .build(),
                PrefixSpec.builder().modules("encoder_attn").reparameterize(false).build(),
                SoftPromptSpec.builder().softTokenNum(4).build());
    }
}
