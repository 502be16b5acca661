package org.delta4j.processor.generate;

import static org.delta4j.processor.generate.GeneratedNames.BLOCK;
import static org.delta4j.processor.generate.GeneratedNames.CHECKPOINT;
import static org.delta4j.processor.generate.GeneratedNames.GENERATED;
import static org.delta4j.processor.generate.GeneratedNames.HF_MODELS;
import static org.delta4j.processor.generate.GeneratedNames.IO_EXCEPTION;
import static org.delta4j.processor.generate.GeneratedNames.ND_MANAGER;
import static org.delta4j.processor.generate.GeneratedNames.PATH;
import static org.delta4j.processor.generate.GeneratedNames.TUNING;
import static org.delta4j.processor.generate.GeneratedNames.TUNING_PLAN;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.delta4j.processor.model.SpecModel;

/**
 * Writes a spec's wiring class: the annotated values as a {@code Builder} over the runtime
 * builders, whose setters delegate at once so run-time values meet the same rules ({@link
 * BuilderWriter}), a {@code Configured} result that plans or attaches ({@link ConfiguredWriter}),
 * and static shortcuts that use the annotated values as they are. A spec that names its model class
 * also gets {@code load}, which loads a HuggingFace folder as that class.
 */
public final class WiringWriter {
    private static final String SUFFIX = "Delta";

    private final String generator;
    private final boolean annotateGenerated;

    /**
     * @param generator the processor's qualified name, for {@code @Generated}
     * @param annotateGenerated whether {@code javax.annotation.processing.Generated} exists on the
     *     target platform
     */
    public WiringWriter(String generator, boolean annotateGenerated) {
        this.generator = generator;
        this.annotateGenerated = annotateGenerated;
    }

    /**
     * @param specType an annotated spec type, such as {@code com.x.Outer.Inner}
     * @return its wiring class, such as {@code com.x.Outer_InnerDelta}
     */
    public static ClassName wiringName(TypeElement specType) {
        ClassName spec = ClassName.get(specType);
        return ClassName.get(spec.packageName(), String.join("_", spec.simpleNames()) + SUFFIX);
    }

    /**
     * @param model a checked spec
     * @return the wiring's source file, with the spec type as its only originating element
     */
    public JavaFile file(SpecModel model) {
        ClassName wiring = wiringName(model.type());
        ClassName builder = wiring.nestedClass("Builder");
        ClassName configured = wiring.nestedClass("Configured");
        TypeSpec.Builder type = header(model, wiring).addField(backboneConstant(model));
        if (!model.modelClass().isEmpty()) {
            addLoading(type, model);
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(builderMethod(builder))
                .addMethod(attachMethod())
                .addMethod(planMethod())
                .addMethod(saveMethod())
                .addType(BuilderWriter.type(model, builder, configured))
                .addType(ConfiguredWriter.type(configured));
        return JavaFile.builder(wiring.packageName(), type.build())
                .indent("    ")
                .skipJavaLangImports(true)
                .build();
    }

    /**
     * The class itself: its origin, Javadoc describing the spec, modifiers and {@code @Generated}.
     */
    private TypeSpec.Builder header(SpecModel model, ClassName wiring) {
        TypeSpec.Builder type =
                TypeSpec.classBuilder(wiring)
                        .addOriginatingElement(model.type())
                        .addJavadoc(SpecJavadoc.of(model))
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        if (annotateGenerated) {
            type.addAnnotation(
                    AnnotationSpec.builder(GENERATED).addMember("value", "$S", generator).build());
        }
        return type;
    }

    private static FieldSpec backboneConstant(SpecModel model) {
        return FieldSpec.builder(
                        String.class, "BACKBONE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The backbone this spec was checked against at compile time.\n")
                .initializer("$S", model.backbone())
                .build();
    }

    /**
     * {@code MODEL_CLASS}, {@code NUM_LABELS} when the spec sets it, and {@code load}, which loads
     * a folder as that class through {@code HfModels.loadAs}.
     */
    private static void addLoading(TypeSpec.Builder type, SpecModel model) {
        type.addField(
                FieldSpec.builder(
                                String.class,
                                "MODEL_CLASS",
                                Modifier.PUBLIC,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .addJavadoc(
                                "The model class this spec was checked as, which "
                                        + "{@link #load(Path, NDManager)} builds.\n")
                        .initializer("$S", model.modelClass())
                        .build());
        boolean labels = model.numLabels() > 0;
        if (labels) {
            type.addField(
                    FieldSpec.builder(
                                    int.class,
                                    "NUM_LABELS",
                                    Modifier.PUBLIC,
                                    Modifier.STATIC,
                                    Modifier.FINAL)
                            .addJavadoc(
                                    "The number of labels this spec was checked with, which "
                                            + "{@link #load(Path, NDManager)} gives the classifier.\n")
                            .initializer("$L", model.numLabels())
                            .build());
        }
        MethodSpec.Builder load =
                MethodSpec.methodBuilder("load")
                        .addJavadoc(
                                "Loads a HuggingFace folder ({@code config.json} and safetensors weights) as {@link "
                                        + "#MODEL_CLASS},\nas {@code from_pretrained} on that class does: the base "
                                        + "model's weights must fit, a head the\ncheckpoint lacks is initialised "
                                        + "fresh (train it: exclude it from freezing).\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(BLOCK)
                        .addParameter(PATH, "folder")
                        .addParameter(ND_MANAGER, "manager")
                        .addException(IO_EXCEPTION);
        if (labels) {
            load.addJavadoc(
                            "\n<p>With {@link #NUM_LABELS} labels, whatever the folder's config says: a "
                                    + "classifier the checkpoint\nholds at another size is initialised "
                                    + "fresh too, as HF's {@code ignore_mismatched_sizes} does.\n")
                    .addStatement(
                            "return $T.loadAs(folder, MODEL_CLASS, NUM_LABELS, manager)",
                            HF_MODELS);
        } else {
            load.addStatement("return $T.loadAs(folder, MODEL_CLASS, manager)", HF_MODELS);
        }
        type.addMethod(
                load.addJavadoc(
                                "\n@param folder the model folder, of this backbone's model type\n"
                                        + "@param manager the manager that will own the weights\n"
                                        + "@return the model, to {@link #attach(Block)} the spec to\n"
                                        + "@throws IOException when a file is missing, unreadable or "
                                        + "invalid, or the base weights do not fit\n"
                                        + "@throws IllegalArgumentException when the config is invalid or "
                                        + "of another model type\n")
                        .build());
    }

    private static MethodSpec builderMethod(ClassName builder) {
        return MethodSpec.methodBuilder("builder")
                .addJavadoc("Starts from the annotated values.\n\n@return a builder holding them\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(builder)
                .addStatement("return new $T()", builder)
                .build();
    }

    private static MethodSpec attachMethod() {
        return MethodSpec.methodBuilder("attach")
                .addJavadoc(
                        "Attaches the spec with its annotated values: "
                                + "{@code builder().build().attach(backbone)}.\n\n"
                                + "@param backbone the model's root block, initialised\n"
                                + "@return the handle to the attached deltas: {@link Tuning#log()}, "
                                + "{@link Tuning#statistics()},\n    training, and {@link #save(Tuning, Path)}\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TUNING)
                .addParameter(BLOCK, "backbone")
                .addStatement("return builder().build().attach(backbone)")
                .build();
    }

    private static MethodSpec planMethod() {
        return MethodSpec.methodBuilder("plan")
                .addJavadoc(
                        "Resolves the spec with its annotated values on a backbone without changing it:\n"
                                + "{@code builder().build().plan(backbone)}.\n\n"
                                + "@param backbone the model's root block\n"
                                + "@return which modules each delta would modify; its {@code toString()} describes them\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TUNING_PLAN)
                .addParameter(BLOCK, "backbone")
                .addStatement("return builder().build().plan(backbone)")
                .build();
    }

    private static MethodSpec saveMethod() {
        return MethodSpec.methodBuilder("save")
                .addJavadoc(
                        "Saves the attached deltas as a checkpoint folder, which "
                                + "{@link $T#load(Path, Block)} attaches\nto a fresh backbone.\n\n"
                                + "@param tuning the handle {@link #attach(Block)} returned\n"
                                + "@param directory the folder to write\n"
                                + "@throws IOException when it cannot be written\n",
                        CHECKPOINT)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addParameter(TUNING, "tuning")
                .addParameter(PATH, "directory")
                .addException(IO_EXCEPTION)
                .addStatement("$T.save(tuning, directory)", CHECKPOINT)
                .build();
    }
}
