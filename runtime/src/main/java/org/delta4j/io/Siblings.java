package org.delta4j.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New temporary files and folders beside a target, under unused random names, made with the
 * permissions the umask gives. {@code Files.createTemp*} would make them 0600 and 0700 whatever the
 * umask, and what is written there is moved into place with them.
 */
final class Siblings {
    /** Random names collide about never; a few tries make a collision with a leftover harmless. */
    private static final int TRIES = 100;

    private Siblings() {}

    /**
     * @param parent the folder to create it in
     * @param prefix the start of its name
     * @return a new, empty folder
     * @throws IOException when it cannot be created
     */
    static Path newFolder(Path parent, String prefix) throws IOException {
        return create(parent, prefix, "", Files::createDirectory);
    }

    /**
     * @param parent the folder to create it in
     * @param prefix the start of its name
     * @param suffix the end of its name
     * @return a new, empty file
     * @throws IOException when it cannot be created
     */
    static Path newFile(Path parent, String prefix, String suffix) throws IOException {
        return create(parent, prefix, suffix, Files::createFile);
    }

    /** Makes a file or folder at a path that must not exist yet. */
    private interface Creator {
        Path create(Path path) throws IOException;
    }

    private static Path create(Path parent, String prefix, String suffix, Creator creator)
            throws IOException {
        for (int i = 0; ; i++) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return creator.create(parent.resolve(prefix + random + suffix));
            } catch (FileAlreadyExistsException e) {
                if (i == TRIES) {
                    throw e;
                }
            }
        }
    }
}
