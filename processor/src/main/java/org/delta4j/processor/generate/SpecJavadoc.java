package org.delta4j.processor.generate;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.model.Setting;
import org.delta4j.processor.model.SpecModel;
import org.delta4j.processor.model.SpecPart;
import org.delta4j.spec.Targeting;
import org.delta4j.spec.ValueType;

/**
 * The wiring class's Javadoc: what the spec does, each annotation with all its values (defaults
 * included) and the modules it was checked to modify on the backbone.
 */
final class SpecJavadoc {
    /** How many module paths the Javadoc lists for each delta. */
    private static final int LISTED = 3;

    private SpecJavadoc() {}

    /**
     * @param model a checked spec
     * @return its Javadoc
     */
    static CodeBlock of(SpecModel model) {
        CodeBlock.Builder doc =
                CodeBlock.builder()
                        .add(
                                "Type-safe wiring for the tuning spec {@link $T}, checked at compile time against the structure"
                                        + " of\n{@code $L}$L. Attaching it:\n\n<ul>\n",
                                ClassName.get(model.type()),
                                Literals.annotationSource(ValueType.STRING, model.backbone()),
                                modelClass(model));
        for (SpecPart part : model.parts()) {
            doc.add("  <li>{@code $L}:\n      $L.\n", annotation(part), effect(part));
        }
        return doc.add(
                        "</ul>\n\n<p>{@link #attach(Block)} attaches the spec as annotated and returns the "
                                + "{@link Tuning} to log, inspect\nand train; {@link #save(Tuning, Path)} saves its deltas. "
                                + "{@link #plan(Block)} shows what a backbone would get,\nwithout changing it. "
                                + "{@link #builder()} changes the values at run time, checked by the same rules.\n")
                .build();
    }

    /** The class the spec was checked as, when it names one, and its number of labels. */
    private static String modelClass(SpecModel model) {
        if (model.modelClass().isEmpty()) {
            return "";
        }
        String labels = model.numLabels() > 0 ? " with " + count(model.numLabels(), "label") : "";
        return " as {@code " + model.modelClass() + "}" + labels;
    }

    private static String annotation(SpecPart part) {
        StringJoiner values = new StringJoiner(", ", part.kind().displayName() + "(", ")");
        if (!part.name().isEmpty()) {
            values.add("name = " + Literals.annotationSource(ValueType.STRING, part.name()));
        }
        for (Setting s : part.settings()) {
            values.add(
                    s.attribute().name()
                            + " = "
                            + Literals.annotationSource(s.attribute().type(), s.value()));
        }
        return values.toString();
    }

    private static String effect(SpecPart part) {
        if (!part.kind().isDelta()) {
            return "then freezes every parameter it does not exclude";
        }
        List<String> modules = part.selectedModules();
        String title = part.kind().method().title();
        if (part.kind().targeting() == Targeting.ENCODER) {
            return title + " on the encoder, {@code " + modules.get(0) + "}";
        }
        String defaults =
                usesDefaults(part)
                        ? ", OpenDelta's default modules "
                                + String.join(", ", part.kind().method().defaultModules())
                                + ","
                        : "";
        if (part.kind().targeting() == Targeting.PAIRS) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < modules.size(); i += 2) {
                pairs.add("{@code " + modules.get(i) + "} to {@code " + modules.get(i + 1) + "}");
            }
            return title + defaults + " on " + count(pairs.size(), "pair") + ":" + listed(pairs);
        }
        List<String> codes = modules.stream().map(m -> "{@code " + m + "}").toList();
        return title + defaults + " on " + count(modules.size(), "module") + ":" + listed(codes);
    }

    private static boolean usesDefaults(SpecPart part) {
        return part.settings().stream()
                .anyMatch(
                        s -> s.attribute() == Attribute.MODULES && ((List<?>) s.value()).isEmpty());
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * The first few items, then how many more, wrapped one item a line so long paths never
     * overflow.
     */
    private static String listed(List<String> items) {
        StringJoiner shown = new StringJoiner(",\n      ", "\n      ", "");
        items.stream().limit(LISTED).forEach(shown::add);
        int more = items.size() - LISTED;
        return shown + (more > 0 ? "\n      and " + more + " more" : "");
    }
}
