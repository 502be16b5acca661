package org.delta4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.delta4j.processor.Compilations.compile;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.delta4j.spec.Problem;

/** Asserts compile errors: the tag and text of the message, the file and the line it points at. */
final class ErrorAssertions {
    private ErrorAssertions() {}

    /**
     * Compiles one source and expects exactly one error.
     *
     * @param source the source
     * @param problem the error's problem
     * @param text the message after the tag, or its start
     * @param line text of the line the error points at, unique in the source
     */
    static void assertSingleError(
            JavaFileObject source, Problem problem, String text, String line) {
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(1);
        assertError(compilation, source, problem, text, line);
    }

    /**
     * @param compilation a compilation
     * @param source the file the error is in
     * @param problem the error's problem
     * @param text the message after the tag, or its start
     * @param line text of the line the error points at, unique in the source
     */
    static void assertError(
            Compilation compilation,
            JavaFileObject source,
            Problem problem,
            String text,
            String line) {
        assertThat(compilation)
                .hadErrorContaining(problem.tag() + " " + text)
                .inFile(source)
                .onLineContaining(line);
    }
}
