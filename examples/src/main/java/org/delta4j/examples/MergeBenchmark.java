package org.delta4j.examples;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.delta4j.Delta4j;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraMerge;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.bert.BertConfig;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ParameterValues;

/**
 * Inference speed of a BERT encoder four ways, in one run on one machine: the plain backbone; the
 * backbone with LoRA (r 8 on query and value, PEFT's BERT default) run as a separate path; the same
 * LoRA merged into the weights (its layers still attached, so it can be unmerged: PEFT's {@code
 * merge_adapter}); and merged and unloaded (PEFT's {@code merge_and_unload}). The models have the
 * same weights and run in turns (round-robin, the order rotating each round, warmed up), so drift
 * in the machine's speed hits all alike; each figure is the median over rounds. Prints a Markdown
 * table.
 *
 * <p>Arguments (all optional): {@code --hidden 768 --layers 12 --heads 12 --batch 8 --length 128
 * --rounds 9 --iterations 5 --output FILE}.
 */
public final class MergeBenchmark {
    private MergeBenchmark() {}

    /**
     * @param args the options above
     * @throws IOException when the output file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Delta4j.offline();
        Map<String, String> o = options(args);
        int hidden = Integer.parseInt(o.getOrDefault("hidden", "768"));
        int layers = Integer.parseInt(o.getOrDefault("layers", "12"));
        int heads = Integer.parseInt(o.getOrDefault("heads", "12"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "8"));
        int length = Integer.parseInt(o.getOrDefault("length", "128"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "9"));
        int iterations = Integer.parseInt(o.getOrDefault("iterations", "5"));
        String config =
                String.format(
                        Locale.ROOT,
                        "{\"model_type\": \"bert\", \"architectures\": [\"BertModel\"], "
                                + "\"hidden_size\": %d, \"num_hidden_layers\": %d, \"num_attention_heads\": %d, "
                                + "\"intermediate_size\": %d, \"vocab_size\": 30522, \"max_position_embeddings\": 512}",
                        hidden,
                        layers,
                        heads,
                        4 * hidden);

        try (NDManager manager = NDManager.newBaseManager()) {
            Block plain = HfModels.random(BertConfig.fromJson(config), manager, 1);
            Block unmerged = HfModels.random(BertConfig.fromJson(config), manager, 1);
            Block merged = HfModels.random(BertConfig.fromJson(config), manager, 1);
            Block unloaded = HfModels.random(BertConfig.fromJson(config), manager, 1);
            TuningSpec lora =
                    TuningSpec.builder()
                            .add(
                                    LoraSpec.builder()
                                            .modules("query", "value")
                                            .r(8)
                                            .alpha(16)
                                            .build())
                            .build();
            Tuning u = lora.attach(unmerged);
            Tuning m = lora.attach(merged);
            Tuning mu = lora.attach(unloaded);
            // Trained-looking values, equal in all three, so the LoRA models compute the same
            // function.
            manager.getEngine().setRandomSeed(2);
            u.deltaParameters()
                    .forEach(
                            (path, p) -> {
                                ParameterValues.assign(
                                        p,
                                        manager.randomNormal(
                                                0,
                                                0.02f,
                                                p.getShape(),
                                                p.getArray().getDataType()));
                                ParameterValues.assign(m.deltaParameters().get(path), p.getArray());
                                ParameterValues.assign(
                                        mu.deltaParameters().get(path), p.getArray());
                            });
            LoraMerge.merge(m);
            LoraMerge.mergeAndUnload(mu);

            Map<String, long[][]> inputs = inputs(batch, length);
            Map<String, Block> models = new LinkedHashMap<>();
            models.put("plain backbone", plain);
            models.put("LoRA, unmerged", unmerged);
            models.put("LoRA, merged (unmerge possible)", merged);
            models.put("LoRA, merged and unloaded", unloaded);
            Map<String, List<Double>> ms = new LinkedHashMap<>();
            models.keySet().forEach(k -> ms.put(k, new ArrayList<>()));
            List<String> order = new ArrayList<>(models.keySet());
            for (int round = -1; round < rounds; round++) { // round -1 warms up
                for (String name : order) {
                    double t = millisPerForward(models.get(name), inputs, manager, iterations);
                    if (round >= 0) {
                        ms.get(name).add(t);
                    }
                }
                Collections.rotate(order, 1); // no model always runs first
            }
            String table = table(ms, hidden, layers, heads, batch, length, rounds, iterations);
            System.out.print(table);
            if (o.containsKey("output")) {
                Files.writeString(Path.of(o.get("output")), table, StandardCharsets.UTF_8);
            }
        }
    }

    private static Map<String, long[][]> inputs(int batch, int length) {
        Random random = new Random(3);
        long[][] ids = new long[batch][length];
        long[][] mask = new long[batch][length];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < length; j++) {
                ids[i][j] = 1 + random.nextInt(30000);
                mask[i][j] = 1;
            }
        }
        Map<String, long[][]> named = new LinkedHashMap<>();
        named.put("input_ids", ids);
        named.put("attention_mask", mask);
        return named;
    }

    /** Every run's arrays live in a scratch manager, closed after it, so memory stays flat. */
    private static double millisPerForward(
            Block model, Map<String, long[][]> inputs, NDManager manager, int iterations) {
        long total = 0;
        for (int i = 0; i < iterations; i++) {
            try (NDManager scratch = manager.newSubManager()) {
                NDList in = ModelInputs.of(scratch, inputs);
                long start = System.nanoTime();
                NDList out = model.forward(new ParameterStore(scratch, false), in, false);
                out.head().toFloatArray(); // wait for the result
                total += System.nanoTime() - start;
            }
        }
        return total / 1e6 / iterations;
    }

    private static String table(
            Map<String, List<Double>> ms,
            int hidden,
            int layers,
            int heads,
            int batch,
            int length,
            int rounds,
            int iterations) {
        double plain = median(ms.get("plain backbone"));
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "BERT encoder, hidden %d, %d layers, %d heads; batch %d x %d tokens; "
                                + "LoRA r 8 on query and value; %s %s, %s intra-op threads, %d cores; median of %d rounds x %d "
                                + "forwards%n%n",
                        hidden,
                        layers,
                        heads,
                        batch,
                        length,
                        Engine.getInstance().getEngineName(),
                        Engine.getInstance().getVersion(),
                        intraOpThreads(),
                        Runtime.getRuntime().availableProcessors(),
                        rounds,
                        iterations));
        sb.append(
                "| model | ms per forward (median) | min | max | vs plain |\n|---|---:|---:|---:|---:|\n");
        ms.forEach(
                (name, times) ->
                        sb.append(
                                String.format(
                                        Locale.ROOT,
                                        "| %s | %.1f | %.1f | %.1f | %.3f |%n",
                                        name,
                                        median(times),
                                        times.stream().mapToDouble(d -> d).min().orElse(0),
                                        times.stream().mapToDouble(d -> d).max().orElse(0),
                                        median(times) / plain)));
        return sb.toString();
    }

    private static String intraOpThreads() {
        String threads = System.getProperty("ai.djl.pytorch.num_threads");
        return threads == null ? "default" : threads;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(d -> d).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
