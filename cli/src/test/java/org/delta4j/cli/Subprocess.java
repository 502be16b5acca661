package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program in its own process, its output piped (not a terminal), and captures what it
 * prints.
 */
final class Subprocess {
    /**
     * A line that DJL logged (slf4j-simple: {@code [thread] LEVEL logger - message}), DJL's engine
     * included.
     */
    static final String DJL_LOG_LINE = "(?s).*(^|\n)\\[[^\\]\n]+\\] [A-Z]+ ai\\.djl\\..*";

    private Subprocess() {}

    /** What a process gave: its exit code and its merged standard output and error. */
    record Exit(int code, String output) {}

    /**
     * Asserts that a run printed only delta4j's own output: no ANSI escape (its output was not a
     * terminal) and no line of DJL's log.
     *
     * @param exit how the run exited
     */
    static void assertQuietAndPlain(Exit exit) {
        assertFalse(
                exit.output().contains("\u001b"),
                "ANSI escape in output that is not a terminal:\n" + exit.output());
        assertFalse(
                exit.output().matches(DJL_LOG_LINE), "DJL's log in the output:\n" + exit.output());
    }

    /**
     * @param command the program and its arguments
     * @return how it exited; {@code NO_COLOR} and {@code CLICOLOR_FORCE} are removed from its
     *     environment
     */
    static Exit run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("NO_COLOR");
        builder.environment().remove("CLICOLOR_FORCE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), command.get(0) + " did not finish");
        return new Exit(process.exitValue(), output);
    }

    /**
     * @param script a program
     * @param args its arguments
     * @return how it exited
     */
    static Exit run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /**
     * @param mainClass a class on this JVM's class path
     * @param args its arguments
     * @return how a fresh JVM running its {@code main} exited
     */
    static Exit java(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                mainClass.getName()));
        command.addAll(List.of(args));
        return run(command);
    }
}
