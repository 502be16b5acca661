package org.delta4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Records which round sees a type first among its new sources, so tests can tell in which round it
 * was written.
 */
final class RoundRecorder extends AbstractProcessor {
    private final String typeName;
    private final List<Set<String>> roots = new ArrayList<>();

    /**
     * @param typeName the qualified name to look for
     */
    RoundRecorder(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        roots.add(
                round.getRootElements().stream()
                        .map(
                                e ->
                                        e instanceof TypeElement t
                                                ? t.getQualifiedName().toString()
                                                : e.toString())
                        .collect(Collectors.toSet()));
        return false;
    }

    /**
     * @return the round, counting from 1, whose new sources include the type; -1 when none did
     */
    int roundThatSaw() {
        for (int i = 0; i < roots.size(); i++) {
            if (roots.get(i).contains(typeName)) {
                return i + 1;
            }
        }
        return -1;
    }
}
