package com.example;

import org.delta4j.annotations.Backbone;
import org.delta4j.annotations.Freeze;
import org.delta4j.annotations.Lora;

@Backbone(value = "bert-base-uncased", modelClass = "BertForSequenceClassification", numLabels = 2)
@Lora(modules = {"query", "value"}, r = 8)
@Freeze(exclude = {"deltas", "classifier"})
public interface BertSentimentLora {}
