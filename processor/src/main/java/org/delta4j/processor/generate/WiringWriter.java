package org.delta4j.processor.generate;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.model.Setting;
import org.delta4j.processor.model.SpecModel;
import org.delta4j.processor.model.SpecPart;
import org.delta4j.spec.ValueType;

/**
 * Writes a spec's wiring class: the annotated values as a {@code Builder} over the runtime builders, whose setters
 * delegate at once so run-time values meet the same rules, and a {@code Configured} result that plans or attaches.
 */
public final class WiringWriter {
    private static final String SUFFIX = "Delta";
    private static final ClassName BLOCK = ClassName.get("ai.djl.nn", "Block");
    private static final ClassName TUNING = ClassName.get("org.delta4j.delta", "Tuning");
    private static final ClassName TUNING_PLAN = ClassName.get("org.delta4j.delta", "TuningPlan");
    private static final ClassName TUNING_SPEC = ClassName.get("org.delta4j.delta", "TuningSpec");
    private static final ClassName CHECKPOINT = ClassName.get("org.delta4j.io", "DeltaCheckpoint");
    private static final ClassName PATH = ClassName.get("java.nio.file", "Path");
    private static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");
    private static final ClassName SPEC_EXCEPTION = ClassName.get("org.delta4j.spec", "SpecException");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private final String generator;
    private final boolean annotateGenerated;

    /**
     * @param generator the processor's qualified name, for {@code @Generated}
     * @param annotateGenerated whether {@code javax.annotation.processing.Generated} exists on the target platform
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
        TypeSpec.Builder type = TypeSpec.classBuilder(wiring)
                .addOriginatingElement(model.type())
                .addJavadoc(SpecJavadoc.of(model))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addField(FieldSpec.builder(String.class, "BACKBONE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The backbone this spec was checked against at compile time.\n")
                        .initializer("$S", model.backbone())
                        .build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(MethodSpec.methodBuilder("builder")
                        .addJavadoc("Starts from the annotated values.\n\n@return a builder holding them\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(builder)
                        .addStatement("return new $T()", builder)
                        .build())
                .addMethod(MethodSpec.methodBuilder("attach")
                        .addJavadoc("Attaches the spec with its annotated values: "
                                + "{@code builder().build().attach(backbone)}.\n\n"
                                + "@param backbone the model's root block, initialised\n"
                                + "@return the handle to the attached deltas: {@link Tuning#log()}, "
                                + "{@link Tuning#statistics()},\n    training, and {@link #save(Tuning, Path)}\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(TUNING)
                        .addParameter(BLOCK, "backbone")
                        .addStatement("return builder().build().attach(backbone)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("plan")
                        .addJavadoc("Resolves the spec with its annotated values on a backbone without changing it:\n"
                                + "{@code builder().build().plan(backbone)}.\n\n"
                                + "@param backbone the model's root block\n"
                                + "@return which modules each delta would modify; its {@code toString()} describes "
                                + "them\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(TUNING_PLAN)
                        .addParameter(BLOCK, "backbone")
                        .addStatement("return builder().build().plan(backbone)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("save")
                        .addJavadoc("Saves the attached deltas as a checkpoint folder, which "
                                + "{@link $T#load(Path, Block)} attaches\nto a fresh backbone.\n\n"
                                + "@param tuning the handle {@link #attach(Block)} returned\n"
                                + "@param directory the folder to write\n"
                                + "@throws IOException when it cannot be written\n", CHECKPOINT)
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addParameter(TUNING, "tuning")
                        .addParameter(PATH, "directory")
                        .addException(IO_EXCEPTION)
                        .addStatement("$T.save(tuning, directory)", CHECKPOINT)
                        .build())
                .addType(builderType(model, builder, configured))
                .addType(configuredType(configured));
        if (annotateGenerated) {
            type.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", generator).build());
        }
        return JavaFile.builder(wiring.packageName(), type.build())
                .indent("    ")
                .skipJavaLangImports(true)
                .build();
    }

    private static TypeSpec builderType(SpecModel model, ClassName builder, ClassName configured) {
        TypeSpec.Builder type = TypeSpec.classBuilder(builder)
                .addJavadoc("Changes the annotated values at run time. Each setter hands its value to the runtime "
                        + "builder at once,\nwhich checks it with the rule the compiler checked the annotation "
                        + "with.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL);
        for (SpecPart part : model.parts()) {
            type.addField(runtimeBuilderField(part));
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (SpecPart part : model.parts()) {
            for (Setting setting : part.settings()) {
                type.addMethod(setter(part, setting, builder));
            }
        }
        // Inside a statement JavaPoet indents continuation lines itself.
        CodeBlock.Builder spec = CodeBlock.builder().add("$T.builder()", TUNING_SPEC);
        for (SpecPart part : model.parts()) {
            spec.add("\n.$L($L.build())", part.kind().isDelta() ? "add" : "freeze", part.prefix());
        }
        spec.add("\n.build()");
        return type.addMethod(MethodSpec.methodBuilder("build")
                        .addJavadoc("@return the spec with this builder's values\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(configured)
                        .addStatement("return new $T($L)", configured, spec.build())
                        .build())
                .build();
    }

    /** The runtime builder of one annotation, holding every annotated value, defaults included. */
    private static FieldSpec runtimeBuilderField(SpecPart part) {
        ClassName runtime = ClassName.get(part.kind().runtimePackage(), part.kind().runtimeType());
        CodeBlock.Builder init = CodeBlock.builder().add("$T.builder()$>$>", runtime);
        for (Setting s : part.settings()) {
            init.add("\n.$L($L)", s.attribute().name(), Literals.arguments(s.attribute().type(), s.value()));
        }
        init.add("$<$<");
        return FieldSpec.builder(runtime.nestedClass("Builder"), part.prefix(), Modifier.PRIVATE,
                        Modifier.FINAL)
                .initializer(init.build())
                .build();
    }

    private static MethodSpec setter(SpecPart part, Setting setting, ClassName builder) {
        Attribute a = setting.attribute();
        String name = part.prefix() + Character.toUpperCase(a.name().charAt(0)) + a.name().substring(1);
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addJavadoc("Sets {@code $L} of {@code $L}: $L.\nAs annotated: {@code $L}.\n\n",
                        a.name(), part.subject(), a.meaning(), Literals.annotationSource(a.type(), setting.value()))
                .addJavadoc("@param $L the new $L\n@return this builder\n",
                        a.name(), a.type() == ValueType.STRINGS ? "values" : "value")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(Literals.type(a.type()), a.name())
                .varargs(a.type() == ValueType.STRINGS)
                .addStatement("$L.$L($L)", part.prefix(), a.name(), a.name())
                .addStatement("return this");
        if (a.rule() != Attribute.ANY) {
            m.addJavadoc("@throws $T when a value breaks the rule the compiler checks on the annotation\n",
                    SPEC_EXCEPTION);
        }
        return m.build();
    }

    private static TypeSpec configuredType(ClassName configured) {
        return TypeSpec.classBuilder(configured)
                .addJavadoc("The spec with a builder's values, ready to plan or attach.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addField(TUNING_SPEC, "spec", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(TUNING_SPEC, "spec")
                        .addStatement("this.spec = spec")
                        .build())
                .addMethod(MethodSpec.methodBuilder("spec")
                        .addJavadoc("@return the runtime spec, to inspect or to combine by hand\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(TUNING_SPEC)
                        .addStatement("return spec")
                        .build())
                .addMethod(MethodSpec.methodBuilder("plan")
                        .addJavadoc("Resolves every delta's modules on a backbone without changing it.\n\n"
                                + "@param backbone the model's root block\n"
                                + "@return which modules each delta would modify\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(TUNING_PLAN)
                        .addParameter(BLOCK, "backbone")
                        .addStatement("return spec.plan(backbone)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("attach")
                        .addJavadoc("Attaches every delta, then freezes as specified; all or nothing.\n\n"
                                + "@param backbone the model's root block, initialised\n"
                                + "@return the handle to the attached deltas\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(TUNING)
                        .addParameter(BLOCK, "backbone")
                        .addStatement("return spec.attach(backbone)")
                        .build())
                .build();
    }
}
