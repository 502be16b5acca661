package org.delta4j.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The walkthrough's command line: {@code [--model DIR] [--steps N] [--out DIR]}. */
final class WalkthroughOptions {
    static final String USAGE =
            "usage: walkthrough [--model DIR] [--steps N] [--out DIR]\n"
                    + "  --model DIR  a HuggingFace BART folder (config.json + model.safetensors); default: a tiny BART"
                    + " pretrained here\n"
                    + "  --steps N    delta-tuning steps (default 300)\n"
                    + "  --out DIR    where to save the delta checkpoint (default: a temporary folder)";

    private Path model;
    private Path out;
    private int steps = 300;

    private WalkthroughOptions() {}

    Path model() {
        return model;
    }

    Path out() {
        return out;
    }

    int steps() {
        return steps;
    }

    /**
     * @param rawArgs the command line; words are split at white space (so paths cannot contain
     *     spaces)
     * @param err where to print problems and the usage
     * @return the options, or {@code null} after printing why they are wrong (or the usage, for
     *     --help)
     */
    static WalkthroughOptions parse(String[] rawArgs, PrintStream err) {
        // Maven passes -Dwalkthrough.args as one argument: split it into words, dropping the empty
        // ones.
        String[] args = String.join(" ", rawArgs).trim().split("\\s+");
        WalkthroughOptions o = new WalkthroughOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty()) {
                continue;
            }
            if (a.equals("--help") || a.equals("-h")) {
                err.println(USAGE);
                return null;
            }
            if (i + 1 >= args.length) {
                return fail(err, a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--model":
                    o.model = Path.of(v);
                    if (!Files.isRegularFile(o.model.resolve("config.json"))) {
                        return fail(
                                err,
                                "--model "
                                        + v
                                        + " is not a HuggingFace model folder: it has no config.json");
                    }
                    break;
                case "--out":
                    o.out = Path.of(v);
                    break;
                case "--steps":
                    try {
                        o.steps = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        return fail(err, "--steps takes a whole number, got \"" + v + "\"");
                    }
                    if (o.steps < 1) {
                        return fail(err, "--steps must be at least 1, got " + v);
                    }
                    break;
                default:
                    return fail(err, "unknown option " + a);
            }
        }
        return o;
    }

    private static WalkthroughOptions fail(PrintStream err, String problem) {
        err.println("walkthrough: " + problem);
        err.println(USAGE);
        return null;
    }
}
