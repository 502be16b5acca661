package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.delta4j.processor.catalogue.Catalogue;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.ModuleSelector;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.junit.jupiter.api.Test;

/**
 * The bundled catalogue: every listed backbone loads, and BART has the names, sizes and encoder
 * specs rely on.
 */
class CatalogueTest {
    private final Catalogue catalogue = Catalogue.bundled();

    @Test
    void everyListedBackboneLoadsUnderItsName() {
        assertThat(catalogue.names())
                .containsExactly(
                        "facebook/bart-base",
                        "bert-base-uncased",
                        "bert-base-cased",
                        "roberta-base",
                        "distilbert-base-uncased",
                        "gpt2",
                        "t5-small",
                        "t5-base",
                        "meta-llama/Llama-2-7b-hf",
                        "TinyLlama/TinyLlama-1.1B-Chat-v1.0",
                        "mistralai/Mistral-7B-v0.1",
                        "Qwen/Qwen2-0.5B",
                        "Qwen/Qwen2-1.5B",
                        "meta-llama/Meta-Llama-3-8B")
                .inOrder();
        for (String name : catalogue.names()) {
            assertThat(catalogue.load(name).name()).isEqualTo(name);
        }
    }

    @Test
    void everyBackbonesClassesLoadAsThemselvesTheBaseFirst() {
        for (String name : catalogue.names()) {
            List<Catalogue.ModelClass> classes = catalogue.classes(name);
            assertThat(classes.get(0).name()).isEqualTo(catalogue.load(name).modelClass());
            for (Catalogue.ModelClass c : classes) {
                ModelStructure s = catalogue.load(name, c.name());
                assertThat(s.modelClass()).isEqualTo(c.name());
                c.classifier()
                        .ifPresent(path -> assertThat(s.module(path).type()).isEqualTo("Linear"));
            }
        }
        assertThat(catalogue.classes("bert-base-uncased"))
                .containsExactly(
                        new Catalogue.ModelClass("BertModel", Optional.empty()),
                        new Catalogue.ModelClass(
                                "BertForSequenceClassification", Optional.of("classifier")))
                .inOrder();
        assertThat(catalogue.backbonesWith("BertForSequenceClassification"))
                .containsExactly("bert-base-uncased", "bert-base-cased")
                .inOrder();
        assertThat(catalogue.backbonesWith("BertForMaskedLM")).isEmpty();
        assertThrows(
                IllegalArgumentException.class,
                () -> catalogue.load("gpt2", "BertForSequenceClassification"));
    }

    @Test
    void headClassesKeepTheBaseUnderItsPrefix() {
        assertThat(catalogue.load("bert-base-uncased", "BertForSequenceClassification").paths())
                .containsAtLeast("bert.encoder.layer.0.attention.self.query", "classifier");
        assertThat(catalogue.load("gpt2", "GPT2LMHeadModel").paths())
                .containsAtLeast("transformer.h.0.attn.c_attn", "lm_head");
        assertThat(catalogue.load("facebook/bart-base", "BartForConditionalGeneration").paths())
                .containsAtLeast("model.encoder.layers.0.fc2", "lm_head");
        assertThat(catalogue.load("t5-small", "T5ForConditionalGeneration").paths())
                .containsAtLeast("encoder.block.0.layer.1.DenseReluDense", "lm_head");
    }

    @Test
    void fileNamesReplaceSlashes() {
        assertThat(Catalogue.fileName("facebook/bart-base"))
                .isEqualTo("facebook--bart-base.structure.json");
        assertThat(Catalogue.fileName("facebook/bart-base", "BartForConditionalGeneration"))
                .isEqualTo("facebook--bart-base.BartForConditionalGeneration.structure.json");
    }

    @Test
    void unknownNameIsAnUnknownBackbone() {
        SpecException e =
                assertThrows(SpecException.class, () -> catalogue.load("facebook/bart-huge"));
        assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_BACKBONE);
    }

    @Test
    void bartBaseHasTheModulesOfBothStacks() {
        ModelStructure bart = catalogue.load("facebook/bart-base");
        assertThat(bart.paths())
                .containsAtLeast(
                        "",
                        "shared",
                        "encoder.layers.0.self_attn.q_proj",
                        "encoder.layernorm_embedding",
                        "decoder.layers.5.encoder_attn.out_proj",
                        "decoder.layers.5.fc2");
        List<String> fc2 =
                new ModuleSelector(List.of("fc2"), List.of("lm_head"))
                        .select(bart.paths(), bart.name());
        assertThat(fc2).hasSize(12);
        assertThat(bart.module("decoder.layers.0.fc1").type()).isEqualTo("Linear");
        assertThat(bart.module("decoder.layers.0.fc1").unified())
                .containsExactly("decoder.block.0.ff.w1", "decoder.block.0.ff")
                .inOrder();
        assertThat(bart.module("decoder.layers.0.self_attn").out().getAsLong()).isEqualTo(768);
        assertThat(bart.encoder()).isEqualTo("encoder");
    }

    @Test
    void softPromptsGoOnTheEncoderOrTheRoot() {
        for (String name :
                new String[] {
                    "bert-base-uncased",
                    "bert-base-cased",
                    "roberta-base",
                    "distilbert-base-uncased",
                    "gpt2"
                }) {
            assertThat(catalogue.load(name).encoder()).isEmpty();
            assertThat(catalogue.load(name).aliases()).isNotEmpty();
        }
        assertThat(catalogue.load("t5-small").encoder()).isEqualTo("encoder");
    }
}
