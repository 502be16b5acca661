package org.delta4j.processor.generate;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import java.util.StringJoiner;
import org.delta4j.processor.model.Setting;
import org.delta4j.processor.model.SpecModel;
import org.delta4j.processor.model.SpecPart;
import org.delta4j.processor.model.ValueType;

/** The wiring class's Javadoc: what the spec does, every annotation with all its values, defaults included. */
final class SpecJavadoc {
    private SpecJavadoc() {}

    /**
     * @param model a checked spec
     * @return its Javadoc
     */
    static CodeBlock of(SpecModel model) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("Type-safe wiring for the tuning spec {@link $T}, checked at compile time against the structure"
                        + " of\n{@code $L}:\n\n<ul>\n", ClassName.get(model.type()),
                        Literals.annotationSource(ValueType.STRING, model.backbone()));
        for (SpecPart part : model.parts()) {
            doc.add("  <li>{@code $L}:\n      $L.\n", annotation(part), effect(part));
        }
        return doc.add("</ul>\n\n<p>{@link #attach(Block)} attaches the spec as annotated; {@link #builder()} "
                        + "changes its values at run time, checked\nby the same rules.\n")
                .build();
    }

    private static String annotation(SpecPart part) {
        StringJoiner values = new StringJoiner(", ", part.kind().displayName() + "(", ")");
        for (Setting s : part.settings()) {
            values.add(s.attribute().name() + " = " + Literals.annotationSource(s.attribute().type(), s.value()));
        }
        return values.toString();
    }

    private static String effect(SpecPart part) {
        if (!part.kind().isDelta()) {
            return "after attaching, freezes every parameter it does not exclude";
        }
        int n = part.selectedModules().size();
        return "modifies " + n + (n == 1 ? " module" : " modules");
    }
}
