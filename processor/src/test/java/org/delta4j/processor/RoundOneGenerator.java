package org.delta4j.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Another processor of the same compilation, as a spec's build may have: in the first round it
 * generates {@value #CONSTANTS} with constants a spec may use.
 */
final class RoundOneGenerator extends AbstractProcessor {
    /**
     * The generated class: {@code SIZE = 8}, {@code TARGET = "fc2"}, {@code BACKBONE =
     * "facebook/bart-base"}.
     */
    static final String CONSTANTS = "test.gen.Sizes";

    private boolean done;

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
        if (done) {
            return false;
        }
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile(CONSTANTS).openWriter()) {
            w.write(
                    "package test.gen;\npublic final class Sizes {\n"
                            + "    public static final int SIZE = 8;\n"
                            + "    public static final String TARGET = \"fc2\";\n"
                            + "    public static final String BACKBONE = \"facebook/bart-base\";\n"
                            + "    private Sizes() {}\n}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return false;
    }
}
