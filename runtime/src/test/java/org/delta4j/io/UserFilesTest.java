package org.delta4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.delta4j.testing.Fifos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files read from a user's folders: regular files only, UTF-8 text, shard names that stay in their
 * folder.
 */
class UserFilesTest {
    @TempDir Path temp;

    @Test
    void aFolderInPlaceOfAFileIsNamed() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("config.json"));
        IOException e = assertThrows(IOException.class, () -> UserFiles.readUtf8(dir));
        assertEquals(
                dir + " is a folder, not a regular file; delta4j reads only regular files",
                e.getMessage());
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = Fifos.make(temp.resolve("model.safetensors"));
        for (ThrowingOpen open :
                new ThrowingOpen[] {
                    UserFiles::readUtf8,
                    f -> UserFiles.openChannel(f).close(),
                    f -> UserFiles.openStream(f).close(),
                    Safetensors::open,
                    Sha256::ofFile
                }) {
            IOException e =
                    Fifos.withinPatience(
                            () -> assertThrows(IOException.class, () -> open.run(fifo)));
            assertTrue(
                    e.getMessage()
                            .startsWith(fifo + " is a special file (a FIFO, socket or device)"),
                    e.getMessage());
        }
    }

    @Test
    void textMustBeUtf8AndTheBadByteIsNamed() throws IOException {
        Path file =
                Files.write(
                        temp.resolve("inputs.json"), new byte[] {'{', '"', (byte) 0xe9, '"', '}'});
        IOException e = assertThrows(IOException.class, () -> UserFiles.readUtf8(file));
        assertEquals(
                file
                        + " is not UTF-8 text: the byte at offset 2 is not valid UTF-8; save it as UTF-8",
                e.getMessage());
        Files.writeString(file, "{\"é\": 1}");
        assertEquals("{\"é\": 1}", UserFiles.readUtf8(file));
    }

    @Test
    void aPlainSiblingNameIsResolvedBesideTheFile() throws IOException {
        Path index = temp.resolve("model.safetensors.index.json");
        assertEquals(
                temp.resolve("model-00001-of-00002.safetensors"),
                UserFiles.sibling(index, "model-00001-of-00002.safetensors", "it maps to"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../outside.safetensors",
                "/etc/passwd",
                "sub/shard.safetensors",
                "..",
                ".",
                "",
                "a\\b.safetensors"
            })
    void siblingNamesCannotLeaveTheFolder(String name) {
        Path index = temp.resolve("model.safetensors.index.json");
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> UserFiles.sibling(index, name, "INDEX maps \"w\" to"));
        assertTrue(
                e.getMessage().startsWith("INDEX maps \"w\" to \"" + name + "\", which "),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "it must name a file in the folder of "
                                        + index.getFileName()
                                        + " itself"),
                e.getMessage());
    }

    /** Regression: a weight_map entry led to any file on the disk ("../", absolute paths). */
    @Test
    void shardsOutsideTheIndexFolderAreRefused() throws IOException {
        Path model = Files.createDirectory(temp.resolve("model"));
        Path outside = temp.resolve("outside.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            Safetensors.write(outside, Map.of("a", manager.ones(new Shape(2))), Map.of());
        }
        Path index = model.resolve("model.safetensors.index.json");
        for (String name : new String[] {"../outside.safetensors", outside.toString()}) {
            Files.writeString(index, "{\"weight_map\": {\"a\": \"" + name + "\"}}");
            IOException e = assertThrows(IOException.class, () -> ShardedSafetensors.open(index));
            assertTrue(
                    e.getMessage()
                            .startsWith(index + " maps \"a\" to \"" + name + "\", which is a path"),
                    e.getMessage());
        }
    }

    /** Regression: a FIFO as a shard blocked the load for ever. */
    @Test
    void aFifoShardIsRefused() throws Exception {
        Path fifo = Fifos.make(temp.resolve("shard.safetensors"));
        Path index = temp.resolve("model.safetensors.index.json");
        Files.writeString(index, "{\"weight_map\": {\"a\": \"shard.safetensors\"}}");
        IOException e =
                Fifos.withinPatience(
                        () ->
                                assertThrows(
                                        IOException.class, () -> ShardedSafetensors.open(index)));
        assertTrue(e.getMessage().startsWith(fifo + " is a special file"), e.getMessage());
    }

    /** An operation on a file that may throw. */
    private interface ThrowingOpen {
        void run(Path file) throws IOException;
    }
}
