package org.delta4j.examples;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.Delta4j;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.delta.Tuning;
import org.delta4j.models.bart.BartConfig;
import org.delta4j.models.hf.HfModels;
import org.delta4j.spec.SpecException;

/**
 * The annotated spec {@link BartAttnFfnLora} from plan to checkpoint, on a tiny BART with fresh
 * weights (nothing is downloaded): what the generated wiring plans, attaching it as annotated,
 * changing a named LoRA's rank at run time (where the builder checks values with the compiler's
 * rules), and saving the deltas.
 */
public final class LoraExample {
    private LoraExample() {}

    /**
     * Runs the example.
     *
     * @param args none
     * @throws IOException when the checkpoint cannot be written
     */
    public static void main(String[] args) throws IOException {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where it prints
     * @throws IOException when the checkpoint cannot be written
     */
    static void run(PrintStream out) throws IOException {
        Delta4j.offline();
        try (Model model = Model.newInstance("lora-example")) {
            Block bart =
                    HfModels.random(BartConfig.fromJson(TinyBart.CONFIG), model.getNDManager(), 7);
            out.println(
                    "== The plan on a tiny BART (checked at compile time against "
                            + BartAttnFfnLoraDelta.BACKBONE
                            + ")");
            out.print(BartAttnFfnLoraDelta.plan(bart));

            out.println("== Attach it as annotated");
            Tuning tuning = BartAttnFfnLoraDelta.attach(bart);
            out.println(tuning.statistics());
            tuning.detach();

            out.println("== Change the attention LoRA's rank at run time");
            try {
                BartAttnFfnLoraDelta.builder().attnR(0);
            } catch (SpecException e) {
                out.println("rejected: " + e.getMessage());
            }
            tuning = BartAttnFfnLoraDelta.builder().attnR(16).ffnR(2).build().attach(bart);
            out.println(tuning.statistics());

            Path dir = Files.createTempDirectory("delta4j-lora-example");
            BartAttnFfnLoraDelta.save(tuning, dir);
            out.println(
                    "== Saved "
                            + Files.size(dir.resolve(DeltaCheckpoint.WEIGHTS))
                            + " bytes of deltas to "
                            + dir);
        }
    }
}
