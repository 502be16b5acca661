package org.delta4j.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failed run: one line with the reason on standard error, the stack trace only with
 * --verbose.
 */
final class Failures {
    /** The exit code of a run that failed (wrong arguments exit with picocli's usage code, 2). */
    static final int EXIT_FAILED = 1;

    private Failures() {}

    /**
     * A picocli execution-exception handler.
     *
     * @param e what the command threw
     * @param command the command that ran
     * @param parseResult the whole parsed command line
     * @return {@link #EXIT_FAILED}
     */
    static int report(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + reason(e));
        if (Delta4jCli.isVerbose(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILED;
    }

    /**
     * @param e a failure
     * @return what went wrong, in words: the exception's message, or for file-system errors (whose
     *     message is only a path) what happened to which file
     */
    static String reason(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + ((FileSystemException) e).getFile();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + ((FileSystemException) e).getFile();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
