package org.delta4j.processor.generate;

import static org.delta4j.processor.generate.GeneratedNames.BLOCK;
import static org.delta4j.processor.generate.GeneratedNames.TUNING;
import static org.delta4j.processor.generate.GeneratedNames.TUNING_PLAN;
import static org.delta4j.processor.generate.GeneratedNames.TUNING_SPEC;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/**
 * Writes the wiring's nested {@code Configured}: the runtime spec a builder built, which plans or
 * attaches.
 */
final class ConfiguredWriter {
    private ConfiguredWriter() {}

    /**
     * @param configured the type's name
     * @return the type
     */
    static TypeSpec type(ClassName configured) {
        return TypeSpec.classBuilder(configured)
                .addJavadoc("The spec with a builder's values, ready to plan or attach.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addField(TUNING_SPEC, "spec", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(
                        MethodSpec.constructorBuilder()
                                .addModifiers(Modifier.PRIVATE)
                                .addParameter(TUNING_SPEC, "spec")
                                .addStatement("this.spec = spec")
                                .build())
                .addMethod(
                        MethodSpec.methodBuilder("spec")
                                .addJavadoc(
                                        "@return the runtime spec, to inspect or to combine by hand\n")
                                .addModifiers(Modifier.PUBLIC)
                                .returns(TUNING_SPEC)
                                .addStatement("return spec")
                                .build())
                .addMethod(
                        MethodSpec.methodBuilder("plan")
                                .addJavadoc(
                                        "Resolves every delta's modules on a backbone without changing it.\n\n"
                                                + "@param backbone the model's root block\n"
                                                + "@return which modules each delta would modify\n")
                                .addModifiers(Modifier.PUBLIC)
                                .returns(TUNING_PLAN)
                                .addParameter(BLOCK, "backbone")
                                .addStatement("return spec.plan(backbone)")
                                .build())
                .addMethod(
                        MethodSpec.methodBuilder("attach")
                                .addJavadoc(
                                        "Attaches every delta, then freezes as specified; all or nothing.\n\n"
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
