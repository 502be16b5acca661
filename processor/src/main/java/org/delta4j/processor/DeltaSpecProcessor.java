package org.delta4j.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import org.delta4j.processor.catalogue.Catalogue;
import org.delta4j.processor.catalogue.StructureFiles;
import org.delta4j.processor.generate.WiringWriter;
import org.delta4j.processor.model.Kind;
import org.delta4j.processor.model.SpecModel;
import org.delta4j.processor.read.SpecAnnotations;
import org.delta4j.processor.read.UnresolvedValues;
import org.delta4j.processor.validate.Positions;
import org.delta4j.processor.validate.Report;
import org.delta4j.processor.validate.SpecValidator;
import org.delta4j.spec.Problem;

/**
 * Checks every type annotated with a delta4j spec annotation and generates its wiring. Each round
 * it first checks every annotated type completely, reporting every error on the exact value, and
 * only then writes {@code <Type>Delta} for the types with none. A type with values the compiler
 * cannot resolve yet (such as a constant of a class that another processor generates) waits
 * silently for the next round, by name since elements are not stable across rounds; in the last
 * round it is reported as {@link Problem#UNRESOLVED}. Nothing escapes: a failure of the processor
 * itself is reported on the type it was processing. Isolating: each generated file has its spec
 * type as its only originating element.
 */
@AutoService(Processor.class)
public final class DeltaSpecProcessor extends AbstractProcessor {
    private final Set<String> deferred = new LinkedHashSet<>();
    private SpecValidator validator;
    private WiringWriter writer;
    private Positions positions;

    /** Called by the compiler's service loader. */
    public DeltaSpecProcessor() {}

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        validator =
                new SpecValidator(
                        env.getElementUtils(),
                        UnresolvedValues.of(env),
                        Catalogue.bundled(),
                        new StructureFiles(env.getFiler()));
        boolean generatedExists =
                env.getElementUtils().getTypeElement("javax.annotation.processing.Generated")
                        != null;
        writer = new WiringWriter(DeltaSpecProcessor.class.getName(), generatedExists);
        positions = Positions.of(env);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> names = new LinkedHashSet<>();
        names.add(SpecAnnotations.BACKBONE);
        for (Kind k : Kind.values()) {
            names.add(k.annotationName());
            if (k.isRepeatable()) {
                names.add(k.containerName());
            }
        }
        return names;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        List<SpecModel> clean = new ArrayList<>();
        for (TypeElement type : candidates(annotations, round)) {
            try {
                validate(type, round.processingOver()).ifPresent(clean::add);
            } catch (RuntimeException | LinkageError e) {
                // A processor bug must not abort the whole compilation: report it on the type and
                // go on.
                fail(type, stackTrace(e));
            }
        }
        for (SpecModel model : clean) {
            try {
                writer.file(model).writeTo(processingEnv.getFiler());
            } catch (IOException | RuntimeException | LinkageError e) {
                fail(model.type(), e.toString());
            }
        }
        return false;
    }

    /**
     * @return the types deferred by earlier rounds, found again by name, then this round's
     *     annotated types
     */
    private Collection<TypeElement> candidates(
            Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Map<String, TypeElement> byName = new LinkedHashMap<>();
        for (String name : deferred) {
            // Processors never see local types, so every deferred name finds its type again.
            byName.put(name, processingEnv.getElementUtils().getTypeElement(name));
        }
        deferred.clear();
        TypeElement[] ours = annotations.toArray(TypeElement[]::new);
        for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWithAny(ours))) {
            byName.putIfAbsent(type.getQualifiedName().toString(), type);
        }
        return byName.values();
    }

    /**
     * @return the model of a clean type; empty after reporting its problems, or after deferring it
     *     silently
     */
    private Optional<SpecModel> validate(TypeElement type, boolean lastRound) {
        Report report = new Report(type, lastRound);
        Optional<SpecModel> model = validator.validate(type, report);
        if (report.isDeferred()) {
            deferred.add(type.getQualifiedName().toString());
            return Optional.empty();
        }
        report.printTo(processingEnv.getMessager(), positions);
        return model;
    }

    private void fail(TypeElement type, String reason) {
        Report report = new Report(type, true);
        report.add(Problem.PROCESSOR_FAILURE, type.getQualifiedName(), reason);
        report.printTo(processingEnv.getMessager(), positions);
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
