package org.delta4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.checkpoint.HfFolderWriter;
import org.delta4j.checkpoint.PeftAdapter;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.delta4j.testing.TinyNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: files and folders delta4j wrote were 0600 and 0700 whatever the umask. Each writer's
 * output must have the permissions of a plain file or folder made beside it, which the umask
 * decides (whatever it is).
 */
class WrittenPermissionsTest {
    @TempDir Path temp;

    private NDManager manager;
    private Set<PosixFilePermission> plainFile;
    private Set<PosixFilePermission> plainFolder;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(
                Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null,
                "no POSIX permissions");
        manager = NDManager.newBaseManager();
        plainFile = Files.getPosixFilePermissions(Files.createFile(temp.resolve("plain-file")));
        plainFolder =
                Files.getPosixFilePermissions(Files.createDirectory(temp.resolve("plain-folder")));
    }

    @AfterEach
    void tearDown() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void safetensorsFile() throws IOException {
        Path file = temp.resolve("out.safetensors");
        Safetensors.write(file, Map.of("a", manager.ones(new Shape(2))), Map.of());
        assertPermissions(List.of(file));
    }

    @Test
    void deltaCheckpointAndPeftAdapter() throws IOException {
        Tuning lora =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").r(2).build())
                        .build()
                        .attach(TinyNet.seeded(manager, 1));
        DeltaCheckpoint.save(lora, temp.resolve("delta"));
        PeftAdapter.save(lora, temp.resolve("adapter"), "tiny");
        assertPermissions(List.of(temp.resolve("delta"), temp.resolve("adapter")));
    }

    /** The copied config keeps no permissions of its source (made 0600 here), only the umask's. */
    @Test
    void mergedModelFolder() throws IOException {
        Path source = Files.createDirectory(temp.resolve("source"));
        Files.copy(Fixtures.model("bert").resolve("config.json"), source.resolve("config.json"));
        Files.setPosixFilePermissions(
                source.resolve("config.json"), PosixFilePermissions.fromString("rw-------"));
        Block model = HfModels.load(Fixtures.model("bert"), manager);
        HfFolderWriter.write(model, source, temp.resolve("merged"));
        assertPermissions(List.of(temp.resolve("merged")));
    }

    private void assertPermissions(List<Path> written) throws IOException {
        for (Path root : written) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    Set<PosixFilePermission> expected =
                            Files.isDirectory(path) ? plainFolder : plainFile;
                    assertEquals(
                            PosixFilePermissions.toString(expected),
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(path)),
                            path.toString());
                }
            }
        }
    }
}
