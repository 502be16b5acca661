/**
 * delta4j's runtime: HF models on DJL, delta methods attached by module name, freezing,
 * checkpoints, PEFT adapters and merging. Every package but the delta hosts ({@code
 * org.delta4j.delta.host}, the wrappers surgery puts in place) is API.
 */
module org.delta4j.runtime {
    requires transitive ai.djl.api;
    requires transitive org.delta4j.spec;
    requires ai.djl.pytorch_engine;
    requires ai.djl.tokenizers;
    requires com.google.gson;
    requires org.slf4j;

    exports org.delta4j;
    exports org.delta4j.backbone;
    exports org.delta4j.checkpoint;
    exports org.delta4j.delta;
    exports org.delta4j.delta.adapter;
    exports org.delta4j.delta.bitfit;
    exports org.delta4j.delta.compacter;
    exports org.delta4j.delta.lora;
    exports org.delta4j.delta.lowrank;
    exports org.delta4j.delta.methods;
    exports org.delta4j.delta.named;
    exports org.delta4j.delta.paralleladapter;
    exports org.delta4j.delta.prefix;
    exports org.delta4j.delta.softprompt;
    exports org.delta4j.generate;
    exports org.delta4j.generate.logits;
    exports org.delta4j.generate.search;
    exports org.delta4j.generate.session;
    exports org.delta4j.io;
    exports org.delta4j.models;
    exports org.delta4j.models.bart;
    exports org.delta4j.models.bert;
    exports org.delta4j.models.distilbert;
    exports org.delta4j.models.gpt2;
    exports org.delta4j.models.llama;
    exports org.delta4j.models.hf;
    exports org.delta4j.models.roberta;
    exports org.delta4j.models.t5;
    exports org.delta4j.models.text;
    exports org.delta4j.nn;
    exports org.delta4j.serve;
    exports org.delta4j.train;
    exports org.delta4j.train.data;
    exports org.delta4j.train.optim;
    exports org.delta4j.train.task;
    exports org.delta4j.tree;

    // Configs and checkpoint configs are read and written by Gson's reflection.
    opens org.delta4j.checkpoint to
            com.google.gson;
    opens org.delta4j.models to
            com.google.gson;
    opens org.delta4j.models.bart to
            com.google.gson;
    opens org.delta4j.models.bert to
            com.google.gson;
    opens org.delta4j.models.distilbert to
            com.google.gson;
    opens org.delta4j.models.gpt2 to
            com.google.gson;
    opens org.delta4j.models.llama to
            com.google.gson;
    opens org.delta4j.models.roberta to
            com.google.gson;
    opens org.delta4j.models.t5 to
            com.google.gson;
}
