package org.delta4j.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/methods.md} from the method table: every method's arguments with their config
 * keys, types, defaults and meanings, and the freeze's.
 */
final class MethodDocs {
    /** The command that rewrites the committed file. */
    static final String REGENERATE =
            "mvn -o -pl spec test -Dtest=MethodDocsGenerator "
                    + "-Dsurefire.failIfNoSpecifiedTests=false -Ddelta4j.regenerateDocs=true";

    private MethodDocs() {}

    /**
     * @return the committed file
     */
    static Path file() {
        Path spec = Path.of(System.getProperty("basedir", "."));
        return spec.resolve("../docs/methods.md").normalize();
    }

    /**
     * @return the file's content as the table gives it now
     */
    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Delta methods and their arguments\n\n")
                .append(
                        "<!-- Generated from the method table (org.delta4j.spec.Method and each method's "
                                + "*Declaration class); do not edit.\n     Regenerate with: ")
                .append(REGENERATE)
                .append(" -->\n\n")
                .append(
                        "Each argument has one Java name, shared by the annotation's attribute and the runtime "
                                + "builder's setter, and one\nkey in a checkpoint's `config.json` (OpenDelta's name), where "
                                + "a missing key takes the default. The annotation\nprocessor and the builders check "
                                + "values by the same rule. Fixed keys are written to every config as OpenDelta\nwrites "
                                + "them and cannot be changed. `nonLinearity` is one of "
                                + ArgumentRules.NON_LINEARITIES.stream()
                                        .map(n -> "`" + n + "`")
                                        .collect(Collectors.joining(", "))
                                + ".\n");
        for (Method m : Method.values()) {
            section(
                    md,
                    m.declaration(),
                    "config key",
                    "`delta_type` `"
                            + m.id()
                            + "`, layers named `"
                            + m.layerName()
                            + "`; "
                            + targeting(m.declaration()));
        }
        section(
                md,
                FreezeDeclaration.DECLARATION,
                "OpenDelta's parameter",
                "after the deltas are attached, freezes every parameter it does " + "not exclude");
        return md.toString();
    }

    private static void section(
            StringBuilder md, MethodDeclaration d, String keyHeader, String facts) {
        md.append("\n## ")
                .append(d.title())
                .append("\n\n")
                .append('`')
                .append('@')
                .append(d.annotation())
                .append('`')
                .append(d.repeatable() ? " (repeatable, each with a `name`)" : "")
                .append(", built by `")
                .append(d.runtimePackage())
                .append('.')
                .append(d.specType())
                .append("`: ")
                .append(facts)
                .append(".\n\n")
                .append("| argument | ")
                .append(keyHeader)
                .append(" | type | default | meaning |\n")
                .append("|---|---|---|---|---|\n");
        if (d.targeting().takesPatterns()) {
            row(md, DeltaArguments.MODULES);
            row(md, DeltaArguments.EXCLUDE);
        }
        for (ConfigEntry e : d.config()) {
            if (e instanceof Argument<?> a) {
                row(md, a);
            } else if (e instanceof FixedValue f) {
                md.append("| | `")
                        .append(f.key())
                        .append("` | fixed | `")
                        .append(literal(f.value()))
                        .append("` | ")
                        .append(f.meaning())
                        .append(" |\n");
            }
        }
    }

    private static void row(StringBuilder md, Argument<?> a) {
        md.append("| `")
                .append(a.name())
                .append("` | `")
                .append(a.key())
                .append("` | `")
                .append(a.type().javaName())
                .append("` | `")
                .append(literal(a.defaultValue()))
                .append("` | ")
                .append(a.description())
                .append(" |\n");
    }

    private static String targeting(MethodDeclaration d) {
        String modules =
                d.defaultModules().isEmpty()
                        ? ""
                        : "; by default "
                                + d.defaultModules().stream()
                                        .map(s -> "`" + s + "`")
                                        .collect(Collectors.joining(", "))
                                + " (unified names)";
        return switch (d.targeting()) {
            case MODULES -> "modifies each module its patterns select" + modules;
            case PAIRS ->
                    "modifies pairs of modules, its patterns read two at a time (from, to)"
                            + modules;
            case ENCODER -> "goes on the backbone's encoder, without patterns" + modules;
            case NONE -> "modifies no module";
        };
    }

    /**
     * @return the value as Java source writes it in an annotation, such as {@code {"lm_head"}}
     */
    private static String literal(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(MethodDocs::literal)
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
