package org.delta4j.checkpoint;

import static org.delta4j.checkpoint.CheckpointTestbed.editConfig;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.nn.Linear;
import org.delta4j.testing.TinyNet;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints that do not fit: each load fails with an error naming the folder, and the backbone is
 * untouched.
 */
class DeltaCheckpointErrorsTest {
    @TempDir Path tmp;

    private CheckpointTestbed bed;

    @BeforeEach
    void setUp() {
        bed = new CheckpointTestbed(tmp);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    private Path savedTuned() throws IOException {
        return bed.saved(bed.tuned(bed.net(1)));
    }

    @Test
    void aMissingTensorIsAClearErrorAndLeavesTheBackboneUntouched() throws IOException {
        Path dir = savedTuned();
        bed.rewriteWeights(dir, w -> w.remove("layers.0.fc2.adapter.modulelist.up_proj.bias"));
        bed.assertFailsUntouched(
                dir, bed.net(1), "missing tensors [layers.0.fc2.adapter.modulelist.up_proj.bias]");
    }

    @Test
    void aWrongShapeIsAClearError() throws IOException {
        Path dir = savedTuned();
        bed.rewriteWeights(
                dir, w -> w.put("layers.1.norm.weight", bed.manager.zeros(new Shape(3))));
        bed.assertFailsUntouched(
                dir,
                bed.net(1),
                "tensor layers.1.norm.weight has shape (3), the model expects (8)");
    }

    @Test
    void anUnexpectedTensorIsAClearError() throws IOException {
        Path dir = savedTuned();
        bed.rewriteWeights(
                dir, w -> w.put("layers.0.fc2.adapter.extra", bed.manager.zeros(new Shape(3))));
        bed.assertFailsUntouched(
                dir, bed.net(1), "unexpected tensors [layers.0.fc2.adapter.extra]");
    }

    @Test
    void missingFilesAreClearErrors() throws IOException {
        Path dir = savedTuned();
        Files.delete(dir.resolve(DeltaCheckpoint.WEIGHTS));
        bed.assertFailsUntouched(dir, bed.net(1), "has no " + DeltaCheckpoint.WEIGHTS);
        Files.delete(dir.resolve(DeltaCheckpoint.CONFIG));
        bed.assertFailsUntouched(dir, bed.net(1), "has no " + DeltaCheckpoint.CONFIG);
        Files.writeString(dir.resolve("delta_config.json"), "{}");
        bed.assertFailsUntouched(dir, bed.net(1), "earlier development version of delta4j");
    }

    @Test
    void anUnknownMethodIsAClearError() throws IOException {
        Path dir = savedTuned();
        editConfig(
                dir,
                c ->
                        c.getAsJsonArray("deltas")
                                .get(0)
                                .getAsJsonObject()
                                .addProperty("deltaType", "ia3"));
        bed.assertFailsUntouched(dir, bed.net(1), "delta ia3: ");
    }

    @Test
    void aBackboneOfAnotherStructureIsAClearError() throws IOException {
        TinyNet a = bed.net(1);
        Tuning t =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").r(2).build())
                        .freeze(FreezeSpec.builder().exclude("deltas").build())
                        .build()
                        .attach(a);
        bed.randomize(t);
        Path dir = bed.saved(t);
        TinyNet b = bed.net(1);
        Linear head = Linear.create(TinyNet.WIDTH, 4, false, 0.02f);
        head.initialize(bed.manager, DataType.FLOAT32, new Shape(1));
        Surgery.replace(b, "head", head);
        bed.assertFailsUntouched(
                dir, b, "was saved from another backbone: a TinyNet whose parameters");
    }
}
