package org.delta4j.examples.bench;

import java.util.LinkedHashMap;
import java.util.Map;

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
}
