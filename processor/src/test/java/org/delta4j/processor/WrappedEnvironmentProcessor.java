package org.delta4j.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Runs the processor behind a wrapped environment, as Gradle's incremental processing does: no
 * javac tree API.
 */
final class WrappedEnvironmentProcessor extends AbstractProcessor {
    private final DeltaSpecProcessor delegate = new DeltaSpecProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        delegate.init(
                (ProcessingEnvironment)
                        Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {ProcessingEnvironment.class},
                                (proxy, method, args) -> {
                                    try {
                                        return method.invoke(env, args);
                                    } catch (InvocationTargetException e) {
                                        throw e.getCause();
                                    }
                                }));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate.process(annotations, round);
    }
}
