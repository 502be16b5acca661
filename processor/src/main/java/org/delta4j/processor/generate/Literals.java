package org.delta4j.processor.generate;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import java.util.List;
import org.delta4j.spec.ValueType;

/**
 * Writes attribute values as Java code, and as the annotation source they came from for Javadoc.
 */
final class Literals {
    private static final ClassName STRING = ClassName.get(String.class);

    private Literals() {}

    /**
     * @param type an attribute type
     * @return the Java type of its setter's parameter; an array for varargs
     */
    static TypeName type(ValueType type) {
        return switch (type) {
            case INT -> TypeName.INT;
            case DOUBLE -> TypeName.DOUBLE;
            case BOOLEAN -> TypeName.BOOLEAN;
            case STRING -> STRING;
            case STRINGS -> ArrayTypeName.of(STRING);
        };
    }

    /**
     * @param type an attribute type
     * @param value a checked value of that type
     * @return the value as setter arguments: one literal, or for an array one literal per element
     */
    static CodeBlock arguments(ValueType type, Object value) {
        return switch (type) {
            case INT, DOUBLE, BOOLEAN -> CodeBlock.of("$L", value);
            case STRING -> CodeBlock.of("$S", value);
            case STRINGS ->
                    ((List<?>) value)
                            .stream()
                                    .map(s -> CodeBlock.of("$S", s))
                                    .collect(CodeBlock.joining(", "));
        };
    }

    /**
     * @param type an attribute type
     * @param value a checked value of that type
     * @return the value as it reads in an annotation, such as {@code 12}, {@code "fc2"} or {@code
     *     {"a", "b"}}, made safe to put in a Javadoc comment
     */
    static String annotationSource(ValueType type, Object value) {
        String code = arguments(type, value).toString();
        String source =
                type == ValueType.STRINGS && ((List<?>) value).size() != 1
                        ? "{" + code + "}"
                        : code;
        // String literals already have their backslashes doubled, so no unicode escape can form;
        // only a pattern
        // such as "[r]fc[*/2]" could end the comment.
        return source.replace("*/", "*&#47;");
    }
}
