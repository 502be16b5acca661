package org.delta4j.examples;

import org.delta4j.annotations.Adapter;
import org.delta4j.annotations.Backbone;
import org.delta4j.annotations.Freeze;

/**
 * The walkthrough's tuning spec: a bottleneck-12 adapter after every {@code fc2} of BART,
 * everything else frozen except the deltas and the embedding layer norms. Checked against
 * facebook/bart-base's structure when this file compiles; the processor generates {@code
 * BartFfnAdapterDelta} from it.
 */
@Backbone("facebook/bart-base")
@Adapter(modules = "fc2", bottleneck = 12)
@Freeze(
        exclude = {"deltas", "layernorm_embedding"},
        setStateDict = true)
public interface BartFfnAdapter {}
