package org.delta4j.processor.validate;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import org.delta4j.processor.catalogue.Catalogue;
import org.delta4j.processor.catalogue.Catalogue.ModelClass;
import org.delta4j.processor.catalogue.StructureFiles;
import org.delta4j.processor.read.SpecAnnotation;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.NameSuggestions;
import org.delta4j.spec.Problem;
import org.delta4j.spec.ValueType;
import org.delta4j.spec.Wording;

/**
 * Reads {@code @Backbone}: a catalogue backbone, as the model class the spec names (its base model
 * by default) with its classifier sized to the number of labels the spec sets, or a structure file.
 * Each problem is reported on the attribute at fault.
 */
final class BackboneRule {
    private static final String VALUE = "value";
    private static final String STRUCTURE = "structure";
    private static final String MODEL_CLASS = "modelClass";
    private static final String NUM_LABELS = "numLabels";

    private final SpecAnnotation annotation;
    private final Catalogue catalogue;
    private final StructureFiles structureFiles;
    private final Report report;

    private BackboneRule(
            SpecAnnotation annotation,
            Catalogue catalogue,
            StructureFiles structureFiles,
            Report report) {
        this.annotation = annotation;
        this.catalogue = catalogue;
        this.structureFiles = structureFiles;
        this.report = report;
    }

    /**
     * @param annotation the {@code @Backbone}
     * @param catalogue the bundled backbone structures
     * @param structureFiles reads structure files that specs name
     * @param report where problems go
     * @return the backbone; empty when its structure cannot be known, after reporting why
     */
    static Optional<Backbone> read(
            SpecAnnotation annotation,
            Catalogue catalogue,
            StructureFiles structureFiles,
            Report report) {
        return new BackboneRule(annotation, catalogue, structureFiles, report).read();
    }

    private Optional<Backbone> read() {
        Optional<Object> name = scalar(ValueType.STRING, VALUE);
        Optional<Object> structure = scalar(ValueType.STRING, STRUCTURE);
        Optional<Object> modelClass = scalar(ValueType.STRING, MODEL_CLASS);
        Optional<Object> numLabels = scalar(ValueType.INT, NUM_LABELS);
        if (name.isEmpty() || structure.isEmpty() || modelClass.isEmpty() || numLabels.isEmpty()) {
            return Optional.empty();
        }
        String n = (String) name.get();
        String path = (String) structure.get();
        String className = (String) modelClass.get();
        int labels = labels((Integer) numLabels.get());
        if (!path.isEmpty()) {
            catalogueOnly(MODEL_CLASS, !className.isEmpty(), path);
            catalogueOnly(NUM_LABELS, labels > 0, path);
            return report.attempt(
                            annotation.mirror(), value(STRUCTURE), () -> structureFiles.read(path))
                    .map(s -> new Backbone(n.isEmpty() ? s.name() : n, s));
        }
        return report.attempt(annotation.mirror(), value(VALUE), () -> catalogue.classes(n))
                .flatMap(classes -> modelClass(n, className, classes))
                .flatMap(c -> structure(n, className, c, labels));
    }

    /**
     * @return the number of labels the spec sets; 0 when it sets none, or one below 1 after
     *     reporting it
     */
    private int labels(int written) {
        if (!annotation.isWritten(NUM_LABELS)) {
            return 0;
        }
        if (written < 1) {
            report.addAt(
                    annotation.mirror(),
                    value(NUM_LABELS),
                    Problem.OUT_OF_RANGE,
                    NUM_LABELS,
                    written,
                    "at least 1; leave numLabels out to keep the config's number of labels");
            return 0;
        }
        return written;
    }

    /**
     * @return the class the spec tunes: the one it names, or the base model; empty after reporting
     *     a name the backbone does not have
     */
    private Optional<ModelClass> modelClass(
            String backbone, String className, List<ModelClass> classes) {
        if (className.isEmpty()) {
            return Optional.of(classes.get(0));
        }
        Optional<ModelClass> found =
                classes.stream().filter(c -> c.name().equals(className)).findFirst();
        if (found.isPresent()) {
            return found;
        }
        List<String> names = classes.stream().map(ModelClass::name).toList();
        List<String> others = catalogue.backbonesWith(className);
        if (others.isEmpty()) {
            report.addAt(
                    annotation.mirror(),
                    value(MODEL_CLASS),
                    Problem.UNKNOWN_MODEL_CLASS,
                    className,
                    backbone,
                    Wording.quotedEither(NameSuggestions.closest(className, names, names.size())));
        } else {
            report.addAt(
                    annotation.mirror(),
                    value(MODEL_CLASS),
                    Problem.OTHER_FAMILY,
                    className,
                    Wording.all(others),
                    backbone,
                    Wording.quotedAll(names),
                    others.get(0),
                    className);
        }
        return Optional.empty();
    }

    /**
     * @return the class's structure with its classifier of {@code labels} outputs (when above 0);
     *     empty after reporting that the file cannot be read
     */
    private Optional<Backbone> structure(
            String backbone, String className, ModelClass modelClass, int labels) {
        Optional<ModelStructure> s =
                report.attempt(
                        annotation.mirror(),
                        value(VALUE),
                        () -> catalogue.load(backbone, modelClass.name()));
        if (s.isEmpty() || labels == 0) {
            return s.map(
                    structure ->
                            new Backbone(
                                    backbone,
                                    structure,
                                    className,
                                    0,
                                    headClasses(backbone, className)));
        }
        if (modelClass.classifier().isEmpty()) {
            report.addAt(
                    annotation.mirror(),
                    value(NUM_LABELS),
                    Problem.NO_CLASSIFIER,
                    labels,
                    className.isEmpty()
                            ? backbone + "'s base model " + modelClass.name()
                            : modelClass.name(),
                    classifierHint(backbone));
            return Optional.empty();
        }
        return Optional.of(
                new Backbone(
                        backbone,
                        s.get().withLinearOutputs(modelClass.classifier().get(), labels),
                        className,
                        labels,
                        List.of()));
    }

    /**
     * @return the structures of the backbone's head classes when the spec tunes its base model, for
     *     hints; none otherwise
     */
    private List<ModelStructure> headClasses(String backbone, String className) {
        if (!className.isEmpty()) {
            return List.of();
        }
        List<ModelClass> classes = catalogue.classes(backbone);
        return classes.subList(1, classes.size()).stream()
                .map(c -> catalogue.load(backbone, c.name()))
                .toList();
    }

    /** What to do instead of {@code numLabels} on a class without a classifier. */
    private String classifierHint(String backbone) {
        return catalogue.classes(backbone).stream()
                .filter(c -> c.classifier().isPresent())
                .findFirst()
                .map(c -> Problem.detail(Problem.USE_CLASSIFIER, c.name()))
                .orElse(Problem.detail(Problem.NO_CLASSIFIER_ON_BACKBONE, backbone));
    }

    /** Reports a catalogue attribute written beside a structure file. */
    private void catalogueOnly(String attribute, boolean written, String path) {
        if (written) {
            report.addAt(
                    annotation.mirror(),
                    value(attribute),
                    Problem.CATALOGUE_ONLY,
                    attribute,
                    path,
                    attribute);
        }
    }

    private Optional<Object> scalar(ValueType type, String attribute) {
        return AttributeValues.scalar(type, value(attribute), annotation.where(attribute), report);
    }

    private AnnotationValue value(String attribute) {
        return annotation.value(attribute);
    }
}
