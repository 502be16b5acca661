package org.delta4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the tool in this JVM, as {@code ./delta4j} would, and captures what it prints. */
final class Cli {
    private Cli() {}

    /** What one run gave. */
    record Result(int exitCode, String out, String err) {
        /**
         * @return a description for assertion messages
         */
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    /**
     * @param args the command line
     * @return the exit code and the captured standard output and error
     */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Delta4jCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
