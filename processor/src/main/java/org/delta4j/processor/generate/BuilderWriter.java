package org.delta4j.processor.generate;

import static org.delta4j.processor.generate.GeneratedNames.SPEC_EXCEPTION;
import static org.delta4j.processor.generate.GeneratedNames.TUNING_SPEC;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.model.Setting;
import org.delta4j.processor.model.SpecModel;
import org.delta4j.processor.model.SpecPart;
import org.delta4j.spec.ValueType;

/**
 * Writes the wiring's nested {@code Builder}: one runtime builder per annotation holding the
 * annotated values, one setter per value that hands it to that runtime builder at once, and {@code
 * build()}.
 */
final class BuilderWriter {
    private BuilderWriter() {}

    /**
     * @param model a checked spec
     * @param builder the builder's name
     * @param configured the name of the type {@code build()} returns
     * @return the builder type
     */
    static TypeSpec type(SpecModel model, ClassName builder, ClassName configured) {
        TypeSpec.Builder type =
                TypeSpec.classBuilder(builder)
                        .addJavadoc(
                                "Changes the annotated values at run time. Each setter hands its value to the runtime "
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
        return type.addMethod(buildMethod(model, configured)).build();
    }

    /** The runtime builder of one annotation, holding every annotated value, defaults included. */
    private static FieldSpec runtimeBuilderField(SpecPart part) {
        ClassName runtime = ClassName.get(part.kind().runtimePackage(), part.kind().runtimeType());
        CodeBlock.Builder init = CodeBlock.builder().add("$T.builder()$>$>", runtime);
        for (Setting s : part.settings()) {
            init.add(
                    "\n.$L($L)",
                    s.attribute().name(),
                    Literals.arguments(s.attribute().type(), s.value()));
        }
        init.add("$<$<");
        return FieldSpec.builder(
                        runtime.nestedClass("Builder"),
                        part.prefix(),
                        Modifier.PRIVATE,
                        Modifier.FINAL)
                .initializer(init.build())
                .build();
    }

    private static MethodSpec setter(SpecPart part, Setting setting, ClassName builder) {
        Attribute a = setting.attribute();
        String name =
                part.prefix() + Character.toUpperCase(a.name().charAt(0)) + a.name().substring(1);
        MethodSpec.Builder m =
                MethodSpec.methodBuilder(name)
                        .addJavadoc(
                                "Sets {@code $L} of {@code $L}: $L.\nAs annotated: {@code $L}.\n\n",
                                a.name(),
                                part.subject(),
                                a.meaning(),
                                Literals.annotationSource(a.type(), setting.value()))
                        .addJavadoc(
                                "@param $L the new $L\n@return this builder\n",
                                a.name(),
                                a.type() == ValueType.STRINGS ? "values" : "value")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(builder)
                        .addParameter(Literals.type(a.type()), a.name())
                        .varargs(a.type() == ValueType.STRINGS)
                        .addStatement("$L.$L($L)", part.prefix(), a.name(), a.name())
                        .addStatement("return this");
        if (a.rule() != Attribute.ANY) {
            m.addJavadoc(
                    "@throws $T when a value breaks the rule the compiler checks on the annotation\n",
                    SPEC_EXCEPTION);
        }
        return m.build();
    }

    /**
     * {@code build()}: the runtime spec of every part's runtime builder, deltas added and the
     * freeze set.
     */
    private static MethodSpec buildMethod(SpecModel model, ClassName configured) {
        // Inside a statement JavaPoet indents continuation lines itself.
        CodeBlock.Builder spec = CodeBlock.builder().add("$T.builder()", TUNING_SPEC);
        for (SpecPart part : model.parts()) {
            spec.add("\n.$L($L.build())", part.kind().isDelta() ? "add" : "freeze", part.prefix());
        }
        spec.add("\n.build()");
        return MethodSpec.methodBuilder("build")
                .addJavadoc("@return the spec with this builder's values\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(configured)
                .addStatement("return new $T($L)", configured, spec.build())
                .build();
    }
}
