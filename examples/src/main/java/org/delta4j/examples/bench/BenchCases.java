package org.delta4j.examples.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.delta4j.examples.bench.TrainStepCase.Part;

/**
 * The benchmark's cases by name; {@code bench/encoder_bench.py} implements the same names for
 * PyTorch.
 */
public final class BenchCases {
    private static final Map<String, Function<EncoderSetup, BenchCase>> CASES =
            new LinkedHashMap<>();

    static {
        CASES.put("forward", ForwardCase::encoder);
        // Inference with LoRA unmerged, against forward: what serving an adapter unmerged costs.
        CASES.put("forward-lora", ForwardCase::encoderWithLora);
        CASES.put("forward-lora-merged", ForwardCase::encoderWithMergedLora);
        CASES.put("train-full", setup -> new TrainStepCase(setup, false, Part.STEP));
        CASES.put("train-lora", setup -> new TrainStepCase(setup, true, Part.STEP));
        // The AdamW update alone, on every parameter (gradients from one backward pass).
        CASES.put("update-full", setup -> new TrainStepCase(setup, false, Part.UPDATE));
        // Diagnostic: train-full without the optimiser update, to split a step's time.
        CASES.put("fwdbwd-full", setup -> new TrainStepCase(setup, false, Part.FORWARD_BACKWARD));
    }

    private BenchCases() {}

    /**
     * @return the case names, in their default order
     */
    public static Set<String> names() {
        return CASES.keySet();
    }

    /**
     * @param name a case name
     * @param setup the model and input shape
     * @return the case, built and ready to run
     * @throws IllegalArgumentException for an unknown name
     */
    public static BenchCase create(String name, EncoderSetup setup) {
        Function<EncoderSetup, BenchCase> factory = CASES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException(
                    "unknown case \"" + name + "\"; the cases are " + names());
        }
        return factory.apply(setup);
    }
}
