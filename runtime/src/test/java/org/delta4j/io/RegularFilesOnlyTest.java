package org.delta4j.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.checkpoint.DeltaFolders;
import org.delta4j.checkpoint.HfFolderWriter;
import org.delta4j.checkpoint.PeftAdapter;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.models.text.TextInputs;
import org.delta4j.testing.Fifos;
import org.delta4j.testing.TinyNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression: every file delta4j reads from a user's folder must be a regular file. A FIFO in its
 * place blocked the reader for ever; now each reader refuses it at once, naming it.
 */
class RegularFilesOnlyTest {
    @TempDir Path temp;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"config.json", "model.safetensors"})
    void modelFolderFiles(String name) throws Exception {
        Path dir = Files.createDirectory(temp.resolve("bert"));
        Files.copy(Fixtures.model("bert").resolve("config.json"), dir.resolve("config.json"));
        Files.copy(
                Fixtures.model("bert").resolve("model.safetensors"),
                dir.resolve("model.safetensors"));
        Path fifo = Fifos.make(dir.resolve(name));
        assertRefused(fifo, () -> HfModels.load(dir, manager));
    }

    @Test
    void checkpointIndex() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("bert"));
        Files.copy(Fixtures.model("bert").resolve("config.json"), dir.resolve("config.json"));
        Path fifo = Fifos.make(dir.resolve("model.safetensors.index.json"));
        assertRefused(fifo, () -> HfModels.load(dir, manager));
    }

    @ParameterizedTest
    @ValueSource(strings = {TextInputs.TOKENIZER_FILE, TextInputs.CONFIG_FILE})
    void tokenizerFiles(String name) throws Exception {
        Files.writeString(temp.resolve(TextInputs.TOKENIZER_FILE), "{}");
        Path fifo = Fifos.make(temp.resolve(name));
        assertRefused(fifo, () -> TextInputs.open(temp));
    }

    @Test
    void inputsFile() throws Exception {
        Path fifo = Fifos.make(temp.resolve("inputs.json"));
        assertRefused(fifo, () -> ModelInputs.fromJson(manager, fifo));
    }

    @ParameterizedTest
    @ValueSource(strings = {DeltaCheckpoint.CONFIG, DeltaCheckpoint.WEIGHTS})
    void deltaCheckpointFiles(String name) throws Exception {
        Path dir = temp.resolve("delta");
        DeltaCheckpoint.save(lora(), dir);
        Path fifo = Fifos.make(dir.resolve(name));
        assertRefused(fifo, () -> DeltaFolders.load(dir, TinyNet.seeded(manager, 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {PeftAdapter.CONFIG, PeftAdapter.WEIGHTS})
    void peftAdapterFiles(String name) throws Exception {
        Path dir = temp.resolve("adapter");
        PeftAdapter.save(lora(), dir, "tiny");
        Path fifo = Fifos.make(dir.resolve(name));
        assertRefused(fifo, () -> DeltaFolders.load(dir, TinyNet.seeded(manager, 1)));
    }

    /**
     * Writing a merged folder copies the source's files: a FIFO among them is refused, not copied
     * for ever.
     */
    @Test
    void filesCopiedIntoAMergedFolder() throws Exception {
        Path source = Fixtures.model("bert");
        Block model = HfModels.load(source, manager);
        Path dir = Files.createDirectory(temp.resolve("bert"));
        Files.copy(source.resolve("config.json"), dir.resolve("config.json"));
        Path fifo = Fifos.make(dir.resolve("tokenizer.json"));
        Path out = temp.resolve("merged");
        assertRefused(fifo, () -> HfFolderWriter.write(model, dir, out));
        assertTrue(!Files.exists(out), "a failed write leaves nothing");
    }

    private Tuning lora() {
        return TuningSpec.builder()
                .add(LoraSpec.builder().modules("fc1").r(2).build())
                .build()
                .attach(TinyNet.seeded(manager, 1));
    }

    private static void assertRefused(Path fifo, org.junit.jupiter.api.function.Executable read) {
        IOException e = Fifos.withinPatience(() -> assertThrows(IOException.class, read));
        assertTrue(
                e.getMessage()
                        .contains(
                                fifo
                                        + " is a special file (a FIFO, socket or device), not a regular "
                                        + "file"),
                e.getMessage());
    }
}
