package org.delta4j.generate.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.lora.LoraMerge;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.named.DeltaSet;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.delta4j.models.ModelConfig;
import org.delta4j.models.bart.TinyBart;
import org.delta4j.models.bert.TinyBertFamily;
import org.delta4j.models.gpt2.TinyGpt2;
import org.delta4j.models.hf.HfModels;
import org.delta4j.models.t5.TinyT5;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.EveryMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cached step gives the logits of a full forward pass over the whole sequence so far, without
 * a cache: on GPT-2 (left-padded rows, positions from the mask), BART and T5, bare and with every
 * delta method attached, merged LoRA and a delta set with one of two deltas active; also after a
 * reorder. The session keeps a constant number of arrays over its steps and refuses wrong input.
 */
class CachedSessionsTest {
    private static final float TOLERANCE = 1e-5f;
    private static final int STEPS = 4;
    // Two inputs with two beams each: rows 0, 1 and 2, 3.
    private static final long[][] PROMPT = {
        {0, 0, 5, 31, 12}, {0, 0, 5, 31, 12}, {9, 8, 9, 1, 4}, {9, 8, 9, 1, 4}
    };
    private static final long[][] PROMPT_MASK = {
        {0, 0, 1, 1, 1}, {0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}
    };
    private static final long[][] SOURCE = {
        {5, 31, 12, 45, 7}, {5, 31, 12, 45, 7}, {9, 8, 9, 1, 0}, {9, 8, 9, 1, 0}
    };
    private static final long[][] SOURCE_MASK = {
        {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 0}, {1, 1, 1, 1, 0}
    };
    private static final long START = 0;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    static ModelConfig gpt2() {
        return TinyGpt2.config("GPT2LMHeadModel", "");
    }

    static ModelConfig bart() {
        return TinyBart.config("BartForConditionalGeneration");
    }

    static ModelConfig t5() {
        return TinyT5.config("T5ForConditionalGeneration", "");
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        add(out, "GPT-2", gpt2(), gpt2Methods(), "c_attn", "mlp");
        add(out, "BART", bart(), EveryMethod.onBart(), "q_proj", "fc2");
        add(out, "T5", t5(), t5Methods(), "q", "wo");
        return out.stream();
    }

    private static void add(
            List<Arguments> out,
            String model,
            ModelConfig config,
            Stream<DeltaSpec> methods,
            String loraModule,
            String adapterModule) {
        out.add(arguments(model + " without a delta", config, (Consumer<Block>) b -> {}));
        methods.forEach(
                spec ->
                        out.add(
                                arguments(
                                        model + " with " + describe(spec),
                                        config,
                                        (Consumer<Block>) b -> randomize(attach(b, spec)))));
        DeltaSpec lora = LoraSpec.builder().modules(loraModule).r(3).alpha(6).build();
        out.add(
                arguments(
                        model + " with merged LoRA",
                        config,
                        (Consumer<Block>)
                                b -> {
                                    Tuning t = attach(b, lora);
                                    randomize(t);
                                    LoraMerge.merge(t);
                                }));
        DeltaSpec adapter = AdapterSpec.builder().modules(adapterModule).bottleneck(5).build();
        out.add(
                arguments(
                        model + " with a delta set, one of two active",
                        config,
                        (Consumer<Block>)
                                b -> {
                                    DeltaSet set = DeltaSet.on(b);
                                    randomize(
                                            set.add(
                                                    "lora",
                                                    TuningSpec.builder().add(lora).build()));
                                    randomize(
                                            set.add(
                                                    "adapter",
                                                    TuningSpec.builder().add(adapter).build()));
                                    set.activate("adapter");
                                }));
    }

    private static Stream<DeltaSpec> gpt2Methods() {
        return Stream.of(
                LoraSpec.builder().modules("c_attn").r(3).alpha(6).build(),
                AdapterSpec.builder().modules("mlp").bottleneck(5).build(),
                BitFitSpec.builder().modules("attn").build(),
                ParallelAdapterSpec.builder().modules("c_fc").bottleneck(7).build(),
                PrefixSpec.builder()
                        .modules("attn")
                        .prefixTokenNum(3)
                        .embedDim(16)
                        .midDim(8)
                        .build(),
                PrefixSpec.builder().modules("attn").reparameterize(false).build(),
                SoftPromptSpec.builder().softTokenNum(4).build());
    }

    private static Stream<DeltaSpec> t5Methods() {
        return Stream.of(
                LoraSpec.builder().modules("q", "v").r(3).alpha(6).build(),
                AdapterSpec.builder().modules("wo").bottleneck(5).build(),
                BitFitSpec.builder().modules("SelfAttention").build(),
                ParallelAdapterSpec.builder().modules("wo").bottleneck(7).build(),
                PrefixSpec.builder()
                        .modules("SelfAttention")
                        .prefixTokenNum(3)
                        .embedDim(16)
                        .midDim(8)
                        .build(),
                PrefixSpec.builder().modules("EncDecAttention").reparameterize(false).build(),
                SoftPromptSpec.builder().softTokenNum(4).build());
    }

    private static String describe(DeltaSpec spec) {
        return spec.method()
                + (spec instanceof PrefixSpec && !((PrefixSpec) spec).reparameterize()
                        ? " (no reparameterisation)"
                        : "");
    }

    private static Tuning attach(Block model, DeltaSpec spec) {
        return TuningSpec.builder().add(spec).build().attach(model);
    }

    /** Fresh deltas change nothing (LoRA's B is zero); random values make every one count. */
    private static void randomize(Tuning tuning) {
        tuning.deltaParameters()
                .values()
                .forEach(
                        p -> {
                            NDManager m = p.getArray().getManager();
                            ParameterValues.assign(p, m.randomNormal(p.getShape()).mul(0.2f));
                        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCachedStepGivesTheLogitsOfAFullForward(
            String name, ModelConfig config, Consumer<Block> deltas) {
        Block model = HfModels.random(config, manager, 1);
        deltas.accept(model);
        Decoding run = new Decoding(model);
        try (DecodingSession session = run.open()) {
            run.check(session.start(), "start");
            for (int step = 0; step < STEPS; step++) {
                if (step == 2) {
                    // Beam search's reorder: sources within each input's beams.
                    int[] sources = {1, 1, 3, 2};
                    session.reorder(sources);
                    run.reorder(sources);
                }
                long[] tokens = run.nextTokens();
                run.check(session.next(tokens), "step " + step);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void liveArraysStayConstantOverTwentySteps(String name, ModelConfig config) {
        Block model = HfModels.random(config, manager, 1);
        randomize(
                attach(
                        model,
                        name.equals("GPT-2")
                                ? PrefixSpec.builder().modules("attn").build()
                                : SoftPromptSpec.builder().softTokenNum(2).build()));
        Decoding run = new Decoding(model);
        try (DecodingSession session = run.open()) {
            run.logits = session.start();
            int after = -1;
            for (int step = 0; step < 20; step++) {
                run.logits = session.next(run.nextTokens());
                if (step == 1) {
                    after = manager.getManagedArrays().size();
                }
            }
            assertEquals(after, manager.getManagedArrays().size(), "live arrays after 20 steps");
        }
    }

    static Stream<Arguments> models() {
        return Stream.of(
                arguments("GPT-2", gpt2()), arguments("BART", bart()), arguments("T5", t5()));
    }

    @Test
    void aStepWithAnotherBatchSizeIsRefused() {
        Decoding run = new Decoding(HfModels.random(gpt2(), manager, 1));
        try (DecodingSession session = run.open()) {
            session.start();
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> session.next(new long[3]));
            assertTrue(e.getMessage().contains("one token per row: 4 rows, got 3"), e.getMessage());
        }
    }

    @Test
    void aMaskOfTheWrongWidthIsRefused() {
        Block model = HfModels.random(gpt2(), manager, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                CachedSessions.open(
                                        model,
                                        PROMPT,
                                        new long[][] {{1, 1}, {1, 1}},
                                        null,
                                        manager));
        assertTrue(e.getMessage().contains("attention_mask"), e.getMessage());
    }

    @Test
    void aModelWithoutALanguageModelHeadIsRefused() {
        Block model = HfModels.random(TinyBart.config("BartModel"), manager, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CachedSessions.open(model, SOURCE, SOURCE_MASK, START, manager));
        assertTrue(e.getMessage().contains("no language-model head"), e.getMessage());
    }

    @Test
    void anEncoderOnlyModelIsRefused() {
        Block model = HfModels.random(TinyBertFamily.config("BertModel"), manager, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CachedSessions.open(model, SOURCE, SOURCE_MASK, null, manager));
        assertTrue(e.getMessage().startsWith("BertModel cannot generate"), e.getMessage());
    }

    @Test
    void anEncoderDecoderModelNeedsAStartId() {
        Block model = HfModels.random(t5(), manager, 1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CachedSessions.open(model, SOURCE, SOURCE_MASK, null, manager));
        assertTrue(e.getMessage().contains("decoder_start_token_id"), e.getMessage());
    }

    @Test
    void aClosedSessionRefusesSteps() {
        Decoding run = new Decoding(HfModels.random(gpt2(), manager, 1));
        DecodingSession session = run.open();
        session.start();
        session.close();
        assertThrows(IllegalStateException.class, () -> session.next(new long[4]));
        assertFalse(manager.getManagedArrays().isEmpty(), "the model's weights stay");
    }

    /** One decoding run's sequences so far, and the uncached reference for them. */
    private final class Decoding {
        private final Block model;
        private final boolean encoderDecoder;
        private long[][] sequences;
        private long[][] mask;
        float[][] logits;

        Decoding(Block model) {
            this.model = model;
            this.encoderDecoder = model instanceof HasEncoder;
            this.sequences = copy(PROMPT);
            if (encoderDecoder) {
                Arrays.fill(sequences, new long[] {START});
            }
            this.mask = copy(PROMPT_MASK);
        }

        DecodingSession open() {
            return encoderDecoder
                    ? CachedSessions.open(model, SOURCE, SOURCE_MASK, START, manager)
                    : CachedSessions.open(model, PROMPT, PROMPT_MASK, null, manager);
        }

        /** Greedy tokens, made to differ between rows; appended to the sequences. */
        long[] nextTokens() {
            long[] tokens = new long[logits.length];
            for (int r = 0; r < tokens.length; r++) {
                int best = 0;
                for (int i = 1; i < logits[r].length; i++) {
                    best = logits[r][i] > logits[r][best] ? i : best;
                }
                tokens[r] = (best + 7L * r) % logits[r].length;
                sequences[r] = append(sequences[r], tokens[r]);
                mask[r] = append(mask[r], 1);
            }
            return tokens;
        }

        void reorder(int[] sources) {
            long[][] s = new long[sources.length][];
            long[][] m = new long[sources.length][];
            float[][] l = new float[sources.length][];
            for (int r = 0; r < sources.length; r++) {
                s[r] = sequences[sources[r]].clone();
                m[r] = mask[sources[r]].clone();
                l[r] = logits[sources[r]];
            }
            sequences = s;
            mask = m;
            logits = l;
        }

        void check(float[][] cached, String step) {
            float[][] full = fullForward();
            for (int r = 0; r < full.length; r++) {
                assertArrayEquals(full[r], cached[r], TOLERANCE, step + ", row " + r);
            }
            logits = cached;
        }

        /** The last logits of a pass over the whole sequence, positions as HF derives them. */
        private float[][] fullForward() {
            try (NDManager m = manager.newSubManager()) {
                NDList in =
                        encoderDecoder
                                ? NamedInputs.named(
                                        List.of(
                                                m.create(SOURCE),
                                                m.create(SOURCE_MASK),
                                                m.create(sequences)),
                                        List.of("input_ids", "attention_mask", "decoder_input_ids"))
                                : NamedInputs.named(
                                        List.of(
                                                m.create(sequences),
                                                m.create(mask),
                                                m.create(RecomputingSession.positions(mask))),
                                        List.of("input_ids", "attention_mask", "position_ids"));
                NDList out = model.forward(new ParameterStore(m, false), in, false);
                NDArray last = out.get("logits").get(":, -1, :");
                float[][] rows = new float[sequences.length][];
                long vocab = last.getShape().get(1);
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = last.get(r).toFloatArray();
                    assertEquals(vocab, rows[r].length);
                }
                return rows;
            }
        }
    }

    private static long[] append(long[] row, long value) {
        long[] out = Arrays.copyOf(row, row.length + 1);
        out[row.length] = value;
        return out;
    }

    private static long[][] copy(long[][] rows) {
        long[][] out = new long[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r].clone();
        }
        return out;
    }
}
