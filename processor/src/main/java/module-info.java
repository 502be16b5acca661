/**
 * delta4j's annotation processor: checks tuning specs against a backbone's structure when they
 * compile and generates their wiring. It exports nothing; javac finds it as a service.
 */
module org.delta4j.processor {
    requires java.compiler;
    requires jdk.compiler;
    requires com.squareup.javapoet;
    requires org.delta4j.annotations;
    requires org.delta4j.spec;
    requires static com.google.auto.service;

    provides javax.annotation.processing.Processor with
            org.delta4j.processor.DeltaSpecProcessor;
}
