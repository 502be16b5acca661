package com.example;

import org.delta4j.annotations.Adapter;
import org.delta4j.annotations.Backbone;
import org.delta4j.annotations.Freeze;

@Backbone("facebook/bart-base")
@Adapter(modules = "fc2", bottleneck = 12)
@Freeze(exclude = {"deltas", "layernorm_embedding"}, setStateDict = true)
public interface BartFfnAdapter {}
