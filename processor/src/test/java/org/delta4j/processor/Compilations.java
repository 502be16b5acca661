package org.delta4j.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/**
 * Compiles test sources with the processor and the project's lint options ({@code
 * -Xlint:all,-processing}), so "without warnings" means something. {@code -processing} is off as in
 * real builds: it only lists annotations no processor claims, which this processor leaves unclaimed
 * for others to see.
 */
final class Compilations {
    private Compilations() {}

    /**
     * @param sources the sources
     * @return the compilation
     */
    static Compilation compile(JavaFileObject... sources) {
        return compileWith(List.of(), sources);
    }

    /**
     * @param others processors that run after the delta4j processor in each round
     * @param sources the sources
     * @return the compilation
     */
    static Compilation compileWith(List<Processor> others, JavaFileObject... sources) {
        List<Processor> processors = new ArrayList<>();
        processors.add(new DeltaSpecProcessor());
        processors.addAll(others);
        return Compiler.javac()
                .withProcessors(processors)
                .withOptions("-Xlint:all,-processing")
                .compile(sources);
    }

    /**
     * @param qualifiedName the type's name
     * @param lines its source lines
     * @return the source
     */
    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    /**
     * A spec type {@code test.Spec} with the delta4j annotations imported.
     *
     * @param lines the annotations and the type declaration
     * @return the source
     */
    static JavaFileObject spec(String... lines) {
        String[] all = new String[lines.length + 3];
        all[0] = "package test;";
        all[1] = "import org.delta4j.annotations.*;";
        all[2] = "";
        System.arraycopy(lines, 0, all, 3, lines.length);
        return source("test.Spec", all);
    }
}
