package org.delta4j.processor.validate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.read.Values;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.Method;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.ModulePattern;
import org.delta4j.spec.NameSuggestions;
import org.delta4j.spec.Problem;

/**
 * A freeze's exclude patterns must each match something that will be there when it freezes, as the
 * runtime requires: a module or parameter path of the backbone, or a layer one of the spec's deltas
 * adds (such as {@code encoder.layers.0.fc2.adapter}). Names inside delta layers are not known at
 * compile time; the keyword {@code "deltas"} keeps them all. A pattern that matches a head (such as
 * {@code classifier}) while the spec tunes the base model is told which class has it.
 */
final class FreezeRule {
    private FreezeRule() {}

    /**
     * @param freeze the freeze, its exclude patterns passed their rules
     * @param backbone the backbone
     * @param deltas the spec's deltas, each with its modules resolved
     * @param report where errors go, one for each pattern that matches nothing
     */
    static void check(
            CheckedPart freeze, Backbone backbone, List<CheckedPart> deltas, Report report) {
        Set<String> names = names(backbone.structure(), deltas);
        List<AnnotationValue> elements =
                Values.elements(freeze.annotation().value(Attribute.FREEZE_EXCLUDE.name()))
                        .orElseThrow();
        for (AnnotationValue element : elements) {
            String text = (String) element.getValue();
            if (ArgumentRules.FREEZE_DELTAS.equals(text)) {
                continue;
            }
            ModulePattern pattern = ModulePattern.parse(text);
            // Empty after reporting a pattern that ran past its matching budget.
            Optional<Boolean> matched =
                    report.attempt(
                            freeze.annotation().mirror(),
                            element,
                            () -> names.stream().anyMatch(pattern::matches));
            if (matched.isPresent() && !matched.get()) {
                report.addAt(
                        freeze.annotation().mirror(),
                        element,
                        Problem.UNKNOWN_MODULE,
                        text,
                        backbone.label() + " or its deltas",
                        NameSuggestions.hint(text, names) + backbone.headHint(pattern));
            }
        }
    }

    private static Set<String> names(ModelStructure structure, List<CheckedPart> deltas) {
        Set<String> names = new LinkedHashSet<>();
        for (ModelStructure.Module m : structure.modules()) {
            names.add(m.path());
            for (Map.Entry<String, long[]> p : m.parameters().entrySet()) {
                names.add(child(m.path(), p.getKey()));
            }
        }
        for (CheckedPart delta : deltas) {
            List<String> placements = delta.placements();
            placements.forEach(p -> names.add(child(p, delta.kind().method().layerName())));
            if (delta.kind().method() == Method.PREFIX && !placements.isEmpty()) {
                names.add(
                        child(delta.targets().orElseThrow().get(0).path(), Method.REPARAMS_LAYER));
            }
        }
        return names;
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
