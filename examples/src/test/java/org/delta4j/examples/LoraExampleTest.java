package org.delta4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The repeated-LoRA spec plans, attaches, takes run-time values through its named setters and
 * saves.
 */
class LoraExampleTest {
    @Test
    void runsFromPlanToCheckpoint() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoraExample.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(
                text.contains(
                        "lora {lora_r=8, lora_alpha=16.0, lora_dropout=0.0} on 8 modules: "
                                + "[model.encoder.layers.0.self_attn.v_proj, model.encoder.layers.0.self_attn.q_proj"),
                text);
        assertTrue(
                text.contains(
                        "lora {lora_r=4, lora_alpha=8.0, lora_dropout=0.0} on 4 modules: "
                                + "[model.encoder.layers.0.fc1"),
                text);
        assertTrue(text.contains("then freeze all but [deltas, layernorm_embedding]"), text);
        assertTrue(text.contains("rejected: [delta4j:out-of-range] r = 0 is out of range"), text);
        assertTrue(text.contains("== Saved "), text);
    }
}
