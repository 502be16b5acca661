package org.delta4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks an output path against what a command reads, comparing real paths (symbolic links and
 * {@code ..} resolved, and the same file under another name by {@link Files#isSameFile}): the
 * output must not be an input file, nor replace a file inside an input folder, nor be or hold an
 * input folder. A new file beside the inputs in their folder is fine.
 */
final class OutputPaths {
    private OutputPaths() {}

    /**
     * What a command reads.
     *
     * @param role what it is, for error messages, such as {@code model folder}
     * @param path where it is, or {@code null} when the option was not given
     * @param folder whether it is a folder, every file of which the command may read
     */
    record Input(String role, Path path, boolean folder) {
        static Input file(String role, Path path) {
            return new Input(role, path, false);
        }

        static Input folder(String role, Path path) {
            return new Input(role, path, true);
        }
    }

    /**
     * @param option the output's option, for error messages, such as {@code -o/--output}
     * @param output the output path as given
     * @param inputs what the command reads
     * @throws IOException when writing the output would replace or overwrite an input, naming both
     */
    static void requireNotInput(String option, Path output, Input... inputs) throws IOException {
        Path out = located(output);
        boolean exists = Files.exists(output);
        for (Input in : inputs) {
            if (in.path() == null || !Files.exists(in.path())) {
                continue; // the command says what is missing
            }
            Path real = in.path().toRealPath();
            String which = option + " " + output;
            if (in.folder() && real.startsWith(out)) {
                throw new IOException(
                        which
                                + " is or holds the "
                                + in.role()
                                + " "
                                + in.path()
                                + ", which this command reads; write the output elsewhere");
            }
            if (in.folder() && exists && out.startsWith(real)) {
                throw new IOException(
                        which
                                + " would overwrite a file in the "
                                + in.role()
                                + " "
                                + in.path()
                                + ", which this command reads; write the output elsewhere");
            }
            if (!in.folder()
                    && (out.equals(real) || exists && Files.isSameFile(output, in.path()))) {
                throw new IOException(
                        which
                                + " is the "
                                + in.role()
                                + " "
                                + in.path()
                                + ", which this command reads; write the output elsewhere");
            }
        }
    }

    /**
     * The real path of the deepest existing folder on the way, followed by the names that do not
     * exist yet.
     */
    /**
     * The check of the commands that run a model on an inputs file, with or without a delta ({@code
     * forward}, {@code generate}).
     *
     * @param output the {@code -o/--output} path as given
     * @param modelDir the model folder
     * @param inputsFile the inputs file, or {@code null} when none was given
     * @param deltaDir the delta folder, or {@code null} when none was given
     * @throws IOException when writing the output would replace or overwrite one of them
     */
    static void requireNotModelRunInput(Path output, Path modelDir, Path inputsFile, Path deltaDir)
            throws IOException {
        requireNotInput(
                "-o/--output",
                output,
                Input.folder("model folder", modelDir),
                Input.file("inputs file", inputsFile),
                Input.folder("delta folder", deltaDir));
    }

    private static Path located(Path path) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = path.toAbsolutePath();
        while (existing.getParent() != null && !Files.exists(existing)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path located = existing.toRealPath();
        for (Path name : missing) {
            located = located.resolve(name.toString());
        }
        return located.normalize();
    }
}
