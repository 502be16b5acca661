package org.delta4j.processor.catalogue;

import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;

/** Parses structure files, turning every failure into a {@link Problem#BAD_STRUCTURE}. */
final class Structures {
    private Structures() {}

    /**
     * @param source how to name the file in a message
     * @param json its text
     * @return the structure
     * @throws SpecException tagged {@link Problem#BAD_STRUCTURE}
     */
    static ModelStructure parse(String source, String json) {
        try {
            return ModelStructure.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw badStructure(source, e.getMessage());
        }
    }

    /**
     * @param source the file
     * @param reason why it cannot be read
     * @return the exception to throw
     */
    static SpecException badStructure(String source, String reason) {
        return Problem.BAD_STRUCTURE.exception(source, reason);
    }
}
