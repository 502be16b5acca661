package org.delta4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the classes of a successful compilation, over the test class path (the runtime, DJL). */
final class CompiledClasses extends ClassLoader {
    private static final String OUTPUT = "/CLASS_OUTPUT/";

    private final Map<String, byte[]> classes = new HashMap<>();

    /**
     * @param compilation a compilation that succeeded
     */
    CompiledClasses(Compilation compilation) {
        super(CompiledClasses.class.getClassLoader());
        assertThat(compilation).succeeded();
        for (JavaFileObject f : compilation.generatedFiles()) {
            String path = f.toUri().getPath();
            if (f.getKind() == JavaFileObject.Kind.CLASS && path.startsWith(OUTPUT)) {
                String name =
                        path.substring(OUTPUT.length(), path.length() - ".class".length())
                                .replace('/', '.');
                try (InputStream in = f.openInputStream()) {
                    classes.put(name, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
