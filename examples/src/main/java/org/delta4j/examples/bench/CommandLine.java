package org.delta4j.examples.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What the benchmarks' command lines share: {@code --key value} pairs and checked numbers. */
final class CommandLine {
    private CommandLine() {}

    /**
     * @param args the command line, {@code --key value} pairs
     * @return the values by key, in command-line order (a repeated key keeps its last value)
     * @throws IllegalArgumentException when a key has no value
     */
    static Map<String, String> pairs(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            out.put(args[i], args[i + 1]);
        }
        return out;
    }

    /**
     * @param key the option, for the message
     * @param value its value
     * @param min the least value allowed
     * @return the value as a number
     * @throws IllegalArgumentException when it is not a whole number of at least {@code min}
     */
    static int atLeast(String key, String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + " takes a whole number, got \"" + value + "\"", e);
        }
        if (n < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
        return n;
    }

    /**
     * @param key the option, for the message
     * @param value its value
     * @return the value as a number of seconds
     * @throws IllegalArgumentException when it is not a finite number of at least 0
     */
    static double seconds(String key, String value) {
        double s;
        try {
            s = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " takes seconds, got \"" + value + "\"", e);
        }
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException(
                    key + " must be a finite number of seconds, at least 0, got " + value);
        }
        return s;
    }

    /**
     * @param config the {@code --config} value, or null when it was not given
     * @throws IllegalArgumentException when {@code --config} is missing
     */
    static void requireConfig(Path config) {
        if (config == null) {
            throw new IllegalArgumentException("--config is required");
        }
    }

    /**
     * @param config the {@code --config} value, or null when it was not given
     * @param cases the {@code --cases} asked for
     * @param known the benchmark's cases
     * @throws IllegalArgumentException when {@code --config} is missing or a case is unknown
     */
    static void requireConfigAndKnownCases(
            Path config, List<String> cases, Collection<String> known) {
        requireConfig(config);
        for (String c : cases) {
            if (!known.contains(c)) {
                throw new IllegalArgumentException(
                        "unknown case \"" + c + "\"; the cases are " + known);
            }
        }
    }

    /**
     * A bench program's start: the usage for no arguments or {@code --help}, else the parsed
     * options; a wrong command line prints why and the usage, and exits with 2.
     *
     * @param args the command line
     * @param usage the program's usage text
     * @param parse the program's option parser, throwing IllegalArgumentException on mistakes
     * @return the options, or null when only the usage was asked for
     */
    static <T> T parseOrExit(String[] args, String usage, Function<String[], T> parse) {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println(usage);
            return null;
        }
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage);
            System.exit(2);
            return null;
        }
    }
}
