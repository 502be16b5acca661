package org.delta4j.processor.catalogue;

import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.tools.StandardLocation;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;

/**
 * Reads a structure file that a spec names with {@code @Backbone(structure = ...)}, from the
 * compile classpath.
 */
public final class StructureFiles {
    private final Filer filer;

    /**
     * @param filer the compiler's filer, which finds resources on the compile classpath
     */
    public StructureFiles(Filer filer) {
        this.filer = filer;
    }

    /**
     * @param path the resource path, such as {@code structures/my-model.structure.json}; a leading
     *     {@code /} is allowed
     * @return the structure
     * @throws SpecException tagged {@link Problem#BAD_STRUCTURE} when the file is missing or broken
     */
    public ModelStructure read(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        String json;
        try {
            json =
                    filer.getResource(StandardLocation.CLASS_PATH, "", relative)
                            .getCharContent(true)
                            .toString();
        } catch (IOException | IllegalArgumentException e) {
            // Filers throw FileNotFoundException, or IllegalArgumentException for a name such as
            // "../x".
            throw Structures.badStructure(path, "no such resource on the compile classpath");
        }
        return Structures.parse(path, json);
    }
}
