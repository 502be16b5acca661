package org.delta4j.processor.generate;

import static org.delta4j.processor.generate.GeneratedNames.BLOCK;
import static org.delta4j.processor.generate.GeneratedNames.CHECKPOINT;
import static org.delta4j.processor.generate.GeneratedNames.GENERATED;
import static org.delta4j.processor.generate.GeneratedNames.IO_EXCEPTION;
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
 * and static shortcuts that use the annotated values as they are.
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
        TypeSpec type =
                header(model, wiring)
                        .addField(backboneConstant(model))
                        .addMethod(
                                MethodSpec.constructorBuilder()
                                        .addModifiers(Modifier.PRIVATE)
                                        .build())
                        .addMethod(builderMethod(builder))
                        .addMethod(attachMethod())
                        .addMethod(planMethod())
                        .addMethod(saveMethod())
                        .addType(BuilderWriter.type(model, builder, configured))
                        .addType(ConfiguredWriter.type(configured))
                        .build();
        return JavaFile.builder(wiring.packageName(), type)
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
